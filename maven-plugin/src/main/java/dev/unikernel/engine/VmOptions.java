package dev.unikernel.engine;

/** The vm target's build parameters (kernel, memory, ...). */
public record VmOptions() {

    public static VmOptions defaults() {
        return new VmOptions();
    }
}
