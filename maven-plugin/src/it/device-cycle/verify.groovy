def log = new File(basedir, 'build.log').text
assert log.contains('the device stacks of target unix form a cycle: greeter -> echo -> greeter:'
        + ' make one of them end in a device that needs none')
assert !new File(basedir, 'target/unikernel/unix/generated/unikernel/Main.java').exists() : 'nothing is written for a bad plan'
return true
