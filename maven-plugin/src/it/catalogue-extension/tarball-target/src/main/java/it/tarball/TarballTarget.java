package it.tarball;

import dev.unikernel.engine.Target;
import dev.unikernel.engine.TargetPackager;

/** A test target: the unix runtime's devices, packaged as a .tar.gz to unpack and run with any Java. */
public final class TarballTarget implements Target {

    @Override
    public String name() {
        return "tarball";
    }

    @Override
    public String description() {
        return "a <name>.tar.gz holding bin/<name> and lib/, run with the Java on the host";
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
        return new TarballPackager();
    }
}
