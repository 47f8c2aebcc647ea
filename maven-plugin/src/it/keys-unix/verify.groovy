// Runs the built program the way a user would and checks output, exit codes, the disk and --help.
def out = new File(basedir, 'target/unikernel/unix')
def bin = new File(out, 'bin/greeter')
assert bin.canExecute() : "launcher missing: $bin"
assert new File(out, 'runtime/bin/java').canExecute() : 'jlinked runtime missing'
assert new File(out, 'generated/unikernel/Main.java').text.contains('BlockDevice disk = boot.open(HostDevices.file(keys.path("disk"), keys.optional("create-size", ByteSize.class), keys.bool("format-blank")))')
// Called on the command line, build attaches nothing: nothing would install it.
assert !new File(basedir, 'build.log').text.contains('Attached ')
assert !new File(out, 'greeter-unix.tar.gz').exists()
assert new File(out, 'graph.dot').text.contains('digraph "greeter"')

def disk = new File(basedir, 'disk.img')
disk.bytes = new byte[64 * 512]
def secretFile = new File(basedir, 'token.txt')
secretFile.text = 'abcdefg'  // exact bytes: a newline would be part of the secret
// A secret file others may read is refused, as ssh refuses such a private key.
java.nio.file.Files.setPosixFilePermissions(secretFile.toPath(), java.nio.file.attribute.PosixFilePermissions.fromString('rw-r--r--'))

def run(List<String> args, Map<String, String> env = [:]) {
    def command = [new File(basedir, 'target/unikernel/unix/bin/greeter').path] + args
    def pb = new ProcessBuilder(command).directory(basedir)
    pb.environment().putAll(env)
    def p = pb.start()
    def stdout = new StringBuilder(), stderr = new StringBuilder()
    p.consumeProcessOutput(stdout, stderr)
    assert p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : "timed out: $command"
    p.waitForProcessOutput()
    println "\$ ${args.join(' ')} -> ${p.exitValue()}\n$stdout$stderr"
    return [p.exitValue(), stdout.toString(), stderr.toString()]
}

def (code, stdout, stderr) = run(['--disk=disk.img', '--name=Ada', '--times=2', '--shout'])
assert code == 0
assert stdout.count('HELLO, ADA!') == 2
assert new String(disk.bytes, 0, 11, 'UTF-8') == 'HELLO, ADA!'

(code, stdout, stderr) = run(['--disk=disk.img', '--times=0'])
assert code == 3 : 'the application exit code is the process exit code'

(code, stdout, stderr) = run(['--disk=disk.img', '--token-file=' + secretFile.path])
assert code == 2 && stderr.contains("permissions 0644 for token file ${secretFile.path} are too open") && stderr.contains("chmod 600 ${secretFile.path}")
java.nio.file.Files.setPosixFilePermissions(secretFile.toPath(), java.nio.file.attribute.PosixFilePermissions.fromString('rw-------'))
(code, stdout, stderr) = run(['--disk=disk.img', '--token-file=' + secretFile.path])
assert code == 0 && stdout.contains('token length 7')
(code, stdout, stderr) = run(['--disk=disk.img'], [UNIKERNEL_TOKEN: 'xyz'])
assert code == 0 && stdout.contains('token length 3')
assert stderr.contains('greeter: warning: secret token comes from the environment variable UNIKERNEL_TOKEN') && !stderr.contains('xyz')

(code, stdout, stderr) = run(['--disk=disk.img', '--token=hunter2'])
assert code == 2 && stderr.contains('--token-file=PATH') && !(stdout + stderr).contains('hunter2')

(code, stdout, stderr) = run(['--times=many'])
assert code == 2
assert stderr.contains('key --times=NUMBER: not a whole number')
assert stderr.contains('missing required key --disk=PATH')

(code, stdout, stderr) = run(['--disk=missing.img'])
assert code == 1 && stderr.trim() == 'greeter: disk image missing.img does not exist: give create-size (e.g. --create-size=256M) to create it'

(code, stdout, stderr) = run(['--help'])
assert code == 0
['--name=TEXT', '--times=NUMBER', '--shout=true|false', '--token-file=PATH', '--disk=PATH', 'who to greet (default: world)'].each {
    assert stdout.contains(it) : "help lacks $it"
}
return true
