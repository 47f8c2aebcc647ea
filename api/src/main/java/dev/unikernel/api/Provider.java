package dev.unikernel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a public static factory method (or a public constructor) as a <em>provider</em>: one
 * implementation of a device contract that configure may put in an application's device graph, as
 * a functoria device does in mirage. The contract is the method's declared return type (any Java
 * type; the constructor's class for a constructor). Parameters are read as an application's
 * constructor is: a parameter annotated with {@link Key} is a runtime key, any other is a device the
 * provider needs, named by {@link Device} or by the parameter's name.
 *
 * <p>A parameter of type {@code String[]} (not a key) receives the program's command-line words,
 * {@code main}'s {@code args}: a target's provider of {@link Arguments} declares one, and the
 * generated {@code Main} of an application using it then reads no key from the words.
 *
 * <p>A key name may contain {@code {device}}, replaced with the name of the device being provided,
 * so that two devices of one provider get keys of their own ({@code {device}-size}).
 *
 * <p>Configure finds providers without running any code: the jar lists each class that declares
 * providers on a line of its resource {@code META-INF/unikernel/providers}.
 *
 * <pre>{@code
 * @Provider(value = "luks", doc = "LUKS2 decryption of a block device")
 * public static BlockDevice luks(BlockDevice disk, @Key(name = "passphrase", doc = "...") Secret passphrase)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Provider {

    /** The short name device stacks use: {@code fat}, {@code luks}, {@code file}, {@code memory}. */
    String value();

    /** One line for the device graph and for configure's messages. */
    String doc();

    /** The targets it works on, by name ({@code unix}, {@code vm}, {@code oci}); empty for every target. */
    String[] targets() default {};

    /**
     * Chosen for its contract when the configuration names no provider and several would fit. A
     * provider that names the target in {@link #targets()} is chosen over one for every target first.
     */
    boolean preferred() default false;

    /**
     * Defaults of its keys for one target, as {@code <keyDefaults>} writes them:
     * {@code vm:{device}=/dev/vda}.
     */
    String[] keyDefaults() default {};

    /** {@link #files()}: reads none. */
    String NO_FILES = "";
    /** {@link #files()}: reads the directory at {@code /files/<device>} of the vm and oci images. */
    String IMAGE_FILES = "image";
    /** {@link #files()}: reads resources {@code unikernel/files/<device>/...} of the program's class path. */
    String CLASS_PATH_FILES = "class-path";

    /**
     * Where a device of this provider finds the directory the plugin's {@code <files>} bakes for it
     * (named after the device): {@link #IMAGE_FILES} (the vm and oci targets place it in the image;
     * on unix a key names a host directory), {@link #CLASS_PATH_FILES} (packed into a jar of the
     * program, on every target), or {@link #NO_FILES}. Configure refuses a {@code <files>} entry for
     * a device whose provider reads none.
     */
    String files() default NO_FILES;
}
