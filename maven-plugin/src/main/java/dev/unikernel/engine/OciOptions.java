package dev.unikernel.engine;

/** The oci target's build parameters (base image, image reference, ...). */
public record OciOptions() {

    public static OciOptions defaults() {
        return new OciOptions();
    }
}
