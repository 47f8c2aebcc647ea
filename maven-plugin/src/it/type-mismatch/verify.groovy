def log = new File(basedir, 'build.log').text
assert log.contains("type mismatch in greeter=shouting(memory) on target unix: provider shouting of device 'greeter'"
        + " needs a Greeter, but memory provides a BlockDevice; providers of Greeter: plain (Greeter, every target),"
        + " shouting (Greeter, every target)")
assert !new File(basedir, 'target/unikernel/unix/generated/unikernel/Main.java').exists() : 'nothing is written for a bad plan'
return true
