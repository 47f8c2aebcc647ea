package dev.unikernel.engine;

/** A target this plugin version knows by name but cannot build yet. */
record PlannedTarget(String name) implements Target {

    @Override
    public boolean isBuilt() {
        return false;
    }

    @Override
    public String runtimeArtifactId() {
        return "unikernel-runtime-" + name;
    }

    @Override
    public String bootClass() {
        throw new UnsupportedOperationException("target " + name + " is not built yet");
    }

    @Override
    public TargetPackager packager() {
        throw new UnsupportedOperationException("target " + name + " is not built yet");
    }

    @Override
    public DeviceBinding bind(DeviceType type, String deviceName) {
        return null;
    }
}
