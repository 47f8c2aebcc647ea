def log = new File(basedir, 'build.log').text
assert log.contains('target unix provides no device of type java.util.concurrent.Executor (parameter #2 of it.NeedsGpu)')
assert !new File(basedir, 'target/unikernel/unix/generated/unikernel/Main.java').exists() : 'nothing is written for a bad plan'
return true
