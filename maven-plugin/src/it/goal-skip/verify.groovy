// configure and build skipped by their own properties while describe runs; then unikernel.skip
// skips clean (the graph stays) and run; then unikernel.run.skip skips run alone.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/unikernel/unix')
assert log.contains('unikernel: skipped (unikernel.configure.skip)') : log
assert log.contains('unikernel: skipped (unikernel.build.skip)') : log
assert log.count('unikernel: skipped (unikernel.skip)') == 2 : log
assert log.contains('unikernel: skipped (unikernel.run.skip)') : log
assert new File(out, 'graph.dot').text.contains('digraph "hello-skip"') : 'describe did not run'
assert !new File(out, 'generated/unikernel/Main.java').exists() : 'configure ran'
assert !new File(out, 'bin/hello-skip').exists() : 'build ran'
assert !log.contains('[INFO] Running ') : 'run ran'
return true
