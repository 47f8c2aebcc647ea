// The generated project was tested, then built for every target in one invocation
// (-Dtarget=@archetype.it.targets@): check each target's outputs side by side, and run the unix
// program as a user would.
def wanted = '@archetype.it.targets@'.split(',')*.trim()
// basedir is the IT's folder; the archetype generated the project below it.
def project = new File(basedir, 'project/first-unikernel')
def out = new File(project, 'target/unikernel')
def built = out.listFiles().findAll { it.isDirectory() }*.name
println "targets wanted: $wanted, built: $built"
assert built.sort() == wanted.toList().sort()

def report = new File(project, 'target/surefire-reports/TEST-it.archetype.first.GreeterTest.xml')
assert report.text.contains('tests="2"') && report.text.contains('failures="0"')
assert new File(project, 'src/main/java/it/archetype/first/Greeter.java').text
        .contains('public final class Greeter implements Application')
assert new File(project, '.gitignore').text.contains('target/')
// The default starter, hello: the web starter's site/ was removed by the post-generate script.
assert !new File(project, 'site').exists() : 'site/ of the web starter in a hello project'
assert !new File(project, 'pom.xml').text.contains('unikernel-kv')
assert new File(project, 'pom.xml').text.contains('<application>it.archetype.first.Greeter</application>')

// unix: a launcher, the jars and a jlink'ed runtime; it runs and greets.
def bin = new File(out, 'unix/bin/first-unikernel')
assert bin.canExecute() : "no launcher $bin"
assert new File(out, 'unix/runtime/bin/java').canExecute()
def p = new ProcessBuilder(bin.path, '--name=Ada').redirectErrorStream(true).start()
def text = p.inputStream.text
assert p.waitFor() == 0 : text
assert text ==~ /(?s)Hello, Ada! It is \d{4}-.*Z; your lucky number is [0-9a-f]{8}\.\n/ : text

if (wanted.contains('vm')) {
    ['first-unikernel.kernel', 'first-unikernel.initrd', 'run-qemu', 'firecracker.json'].each {
        assert new File(out, "vm/$it").isFile() : "vm output $it missing"
    }
}
if (wanted.contains('oci')) {
    assert new File(out, 'oci/first-unikernel.tar').length() > 1_000_000 : 'no oci image archive'
    assert new File(out, 'oci/first-unikernel.digest').text.startsWith('sha256:')
    assert new File(out, 'oci/run-first-unikernel.sh').isFile()
}
return true
