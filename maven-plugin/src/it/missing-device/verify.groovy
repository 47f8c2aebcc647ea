def log = new File(basedir, 'build.log').text
assert log.contains("target unix has no provider of Executor (device 'executor', asked for by parameter #2 of it.NeedsGpu)")
assert log.contains('Add a dependency on a jar that provides one (it lists its providers in META-INF/unikernel/providers)')
assert !new File(basedir, 'target/unikernel/unix/generated/unikernel/Main.java').exists() : 'nothing is written for a bad plan'
return true
