def log = new File(basedir, 'build.log').text
assert log.contains("device 'greeter' (Greeter, asked for by parameter 'greeter' of it.Welcome) on target unix:"
        + " several providers fit: plain (Greeter, every target), polite (Greeter, every target);"
        + " choose one with <devices><device>greeter=plain</device></devices> in the plugin's configuration"
        + " (or -Dunikernel.devices=greeter=plain)")
assert !new File(basedir, 'target/unikernel/unix/generated/unikernel/Main.java').exists() : 'nothing is written for a bad plan'
return true
