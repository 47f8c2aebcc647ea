// Maven's -o reaches the oci target: a push, or a base image jib has not cached, fails at once.
def log = new File(basedir, 'build.log').text
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }
assert errors.any { it.contains('pushing to 127.0.0.1:9/hello-offline:1 needs the network, but Maven is offline (-o):'
        + ' build without -o, or leave <image> (-Dunikernel.image) empty to write the image as a tar') } : log
assert errors.any { it.contains('the base image 127.0.0.1:9/never-pulled-base:1 is not in jib\'s cache (')
        && it.contains(') and Maven is offline (-o): build once without -o to cache it, or leave <from>'
        + ' (-Dunikernel.from) empty to build from scratch') } : log
assert !log.contains('Linked the Java runtime') : 'the check came after linking'
assert !log.contains('Pushing to') && !log.contains('Connection refused') : log
assert !new File(basedir, 'target/unikernel/oci/hello-offline.tar').exists()
return true
