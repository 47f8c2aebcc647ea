package dev.unikernel.engine;

/**
 * A target as configure sees it: which runtime artifact it links, which class boots it, and how it
 * provides each device. The one dispatch point between the engine and the targets, like mirage's
 * TARGET signature.
 */
public interface Target {

    /** The name given with {@code -Dtarget}. */
    String name();


    /** The artifactId of the runtime linked in (groupId and version are the plugin's). */
    String runtimeArtifactId();

    /** The class whose static {@code run(name, args, keys, factory)} boots the generated Main. */
    String bootClass();

    /** How this target provides the device, or null when it provides no such device. */
    DeviceBinding bind(DeviceType type, String deviceName);

    /** Packages a linked program in this target's form. */
    TargetPackager packager();
}
