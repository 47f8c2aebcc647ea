// Unpacks the tarball target's archive and runs its start script as a user would.
import java.util.concurrent.TimeUnit

def out = new File(basedir, 'greeting-app/target/unikernel/tarball')
def archive = new File(out, 'welcome.tar.gz')
assert archive.isFile() : "the tarball target wrote no archive: $archive"

// The generated Main shows the composed stack: shouting around the plain greeter.
def main = new File(out, 'generated/unikernel/Main.java').text
assert main =~ /(?m)^ \*   greeter +Greeter +shouting\(plain\)$/
assert main.contains('Greeter greeter = Greeters.shouting(plain);')
assert main.contains('KeySpec.withDefault("plain-greeting", KeyType.STRING, "Hello"')

def exec(List<String> command, File directory) {
    def pb = new ProcessBuilder(command).directory(directory)
    // The start script runs the Java that JAVA_HOME names: the one running this build.
    pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
    def p = pb.start()
    def stdout = new StringBuilder(), stderr = new StringBuilder()
    p.consumeProcessOutput(stdout, stderr)
    assert p.waitFor(60, TimeUnit.SECONDS) : "timed out: $command"
    p.waitForProcessOutput()
    println "\$ ${command.join(' ')} -> ${p.exitValue()}\n$stdout$stderr"
    return [p.exitValue(), stdout.toString(), stderr.toString()]
}

def unpacked = new File(basedir, 'unpacked')
unpacked.deleteDir()
unpacked.mkdirs()
def (code, stdout, stderr) = exec(['tar', '-xzf', archive.path], unpacked)
assert code == 0
def home = new File(unpacked, 'welcome')
assert new File(home, 'lib/greeting-providers-1.0.jar').isFile() : 'the providers jar is linked in'
def launcher = new File(home, 'bin/welcome')
assert launcher.canExecute() : 'the start script keeps its mode in the archive'

// The inner device of shouting(plain) is called plain, so its key is --plain-greeting.
(code, stdout, stderr) = exec([launcher.path, '--plain-greeting=Hi', '--name=Ada'], basedir)
assert code == 0
assert stdout == 'HI, ADA!\n'

(code, stdout, stderr) = exec([launcher.path], basedir)
assert code == 0
assert stdout == 'HELLO, WORLD!\n' : 'the key defaults apply'
return true
