package dev.unikernel.engine;

/** The unix target: a host program (launcher, jars, a jlink'ed runtime); devices from runtime-unix's providers. */
public final class UnixTarget implements Target {

    @Override
    public String name() {
        return "unix";
    }

    @Override
    public String description() {
        return "a host program: bin/<name>, lib/ and a jlink'ed runtime";
    }

    @Override
    public String runtimeArtifact(String pluginVersion) {
        return "dev.unikernel:unikernel-runtime-unix:" + pluginVersion;
    }

    @Override
    public String bootClass() {
        return "dev.unikernel.runtime.unix.UnixBoot";
    }

    @Override
    public TargetPackager packager() {
        return new UnixPackager();
    }
}
