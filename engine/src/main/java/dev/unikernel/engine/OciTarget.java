package dev.unikernel.engine;

/**
 * The oci target: an OCI image. A container is a Linux process, so the devices are runtime-unix's;
 * what differs is the boot (keys from the environment, mounted secrets) and the key defaults the
 * providers declare for oci: disks live in the {@code /data} volume, servers listen on every address.
 */
public final class OciTarget implements Target {

    /** The image's volume. */
    static final String DATA = "/data";

    @Override
    public String name() {
        return "oci";
    }

    @Override
    public String description() {
        return "an OCI image (archive or registry push), built without a Docker daemon";
    }

    @Override
    public String runtimeArtifact(String pluginVersion) {
        return "dev.unikernel:unikernel-runtime-oci:" + pluginVersion;
    }

    @Override
    public String bootClass() {
        return "dev.unikernel.runtime.oci.OciBoot";
    }

    @Override
    public TargetPackager packager() {
        return new OciPackager();
    }
}
