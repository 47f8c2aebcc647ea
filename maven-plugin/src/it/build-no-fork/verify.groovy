// mvn install with build-no-fork bound: the program is built, no lifecycle is forked, and the
// attached archive is installed, reproducible (root-owned, one time, the executable bits kept).
import java.util.zip.GZIPInputStream

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/unikernel/unix')
assert new File(out, 'bin/hello-package').canExecute() : 'launcher missing'
assert log.contains(':build-no-fork (default) @ hello-package') : log
// Maven prints a fork as ">>> plugin:goal (id) > phase @ project >>>" and "<<< ... <<<".
assert !log.contains('>>>') && !log.contains('<<<') : 'a lifecycle was forked:\n' + log
assert log.count(':compile (default-compile) @') == 2 : 'compile ran more than once a build'

def archive = new File(out, 'hello-package-unix.tar.gz')
assert archive.isFile()
def installed = new File(localRepositoryPath, 'it/hello-package/1.0/hello-package-1.0-unix.tar.gz')
assert installed.isFile() : "not installed: $installed"
// The second build's archive (rewritten only when its bytes change) is the installed one's.
assert installed.bytes == archive.bytes : 'two builds gave different archives'

// The entries, read with GNU tar as a user would.
def listing = ['env', 'TZ=UTC', 'tar', '-tvzf', installed.path].execute()
def text = listing.text
assert listing.waitFor() == 0
println text
def lines = text.readLines()
assert lines.any { it.startsWith('-rwxr-xr-x root/root') && it.endsWith(' hello-package/bin/hello-package') }
assert lines.any { it.startsWith('-rwxr-xr-x root/root') && it.endsWith(' hello-package/runtime/bin/java') }
assert lines.any { it.endsWith(' hello-package/lib/hello-package-1.0.jar') }
assert lines.every { it.contains(' root/root ') && it.contains(' 2026-01-02 03:04') } : 'owner or time not fixed'
assert !lines.any { it.contains('/classes/') || it.contains('/generated/') || it.contains('/jars/') }

// The vm's kernel, initramfs and scripts in one archive; the oci image archive as it is.
def vm = new File(localRepositoryPath, 'it/hello-package/1.0/hello-package-1.0-vm.tar.gz')
def vmListing = ['env', 'TZ=UTC', 'tar', '-tvzf', vm.path].execute()
def vmLines = vmListing.text.readLines()
assert vmListing.waitFor() == 0
println vmLines.join('\n')
assert vmLines.collect { it.substring(it.lastIndexOf(' ') + 1) } == ['hello-package/', 'hello-package/firecracker.json',
        'hello-package/firecracker.md', 'hello-package/hello-package.initrd', 'hello-package/hello-package.kernel',
        'hello-package/run-qemu']
assert vmLines.any { it.startsWith('-rwxr-xr-x root/root') && it.endsWith(' hello-package/run-qemu') }
def oci = new File(localRepositoryPath, 'it/hello-package/1.0/hello-package-1.0-oci.tar')
assert oci.bytes == new File(basedir, 'target/unikernel/oci/hello-package.tar').bytes
assert log.contains('Attached hello-package.tar (classifier oci')

// Unpacked elsewhere, the program runs.
def unpacked = new File(basedir, 'unpacked')
unpacked.mkdirs()
assert ['tar', '-xzf', installed.path, '-C', unpacked.path].execute().waitFor() == 0
def run = [new File(unpacked, 'hello-package/bin/hello-package').path, '--name=Ada'].execute()
def output = run.text
assert run.waitFor() == 0 && output.contains('Hello, Ada!') : output
return true
