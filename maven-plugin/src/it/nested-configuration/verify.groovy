// The nested and the flat configuration give the same run-qemu and firecracker.json, with the
// memory, CPUs and kernel argument given; a conflict fails with one line naming both settings.
def nested = new File(basedir, 'target/nested/vm')
def flat = new File(basedir, 'target/flat/vm')
def runQemu = new File(nested, 'run-qemu').text
assert runQemu.contains('memory=${UNIKERNEL_MEMORY:-384M}') : runQemu
assert runQemu.contains('cpus=${UNIKERNEL_CPUS:-2}') : runQemu
assert runQemu.contains('loglevel=4') : runQemu
def firecracker = new groovy.json.JsonSlurper().parse(new File(nested, 'firecracker.json'))
assert firecracker['machine-config']['mem_size_mib'] == 384 : firecracker
assert firecracker['machine-config']['vcpu_count'] == 2 : firecracker
assert new File(flat, 'run-qemu').text == runQemu
assert new File(flat, 'firecracker.json').text == new File(nested, 'firecracker.json').text

def log = new File(basedir, 'build.log').text
def message = '<vmMemory> (-Dunikernel.vm.memory) is 1G but <vm><memory> is 384M: they set the same thing, keep one of them'
assert log.readLines().any { it.startsWith('[ERROR]') && it.contains(message) } : log
def ociMessage = '<imageUser> (-Dunikernel.imageUser) is 0:0 but <oci><user> is 1000:1000: they set the same thing, keep one of them'
assert log.readLines().any { it.startsWith('[ERROR]') && it.contains(ociMessage) } : log
return true
