def log = new File(basedir, 'build.log').text
assert log.contains("unknown target 'bogus': choose one of unix, vm, oci")
return true
