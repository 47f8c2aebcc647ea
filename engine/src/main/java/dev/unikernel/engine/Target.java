package dev.unikernel.engine;

/**
 * A target's build side: the runtime it links, the class that boots it, and how it packages the
 * linked program. The one dispatch point between the engine and the targets, like mirage's TARGET
 * signature. Targets are found with {@link java.util.ServiceLoader} on the plugin's class path
 * ({@code META-INF/services/dev.unikernel.engine.Target}), so a jar added to the plugin's
 * {@code <dependencies>} adds one. Devices are not the target's business: providers declare the
 * targets they work on.
 */
public interface Target {

    /** The name given with {@code -Dtarget}: lower case, and the same everywhere. */
    String name();

    /** One line for {@code unikernel:help} and messages. */
    String description();

    /**
     * The runtime linked in, as {@code groupId:artifactId:version}; {@code pluginVersion} is the
     * plugin's own, which the built-in targets use.
     */
    String runtimeArtifact(String pluginVersion);

    /**
     * The class whose static {@code run(name, args, keys, factory)} boots the generated Main; an
     * application taking the program's words ({@code Arguments}, from a provider for this target)
     * boots with {@code run(name, keys, factory)}, which reads no key from them.
     */
    String bootClass();

    /** Packages a linked program in this target's form. */
    TargetPackager packager();
}
