package dev.unikernel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a runtime key on a constructor parameter of an {@link Application}. The key is declared
 * once here; each target reads it from its own source: unix from {@code --name=value} arguments, vm
 * from the kernel command line ({@code unikernel.name=value}), oci from the environment
 * ({@code UNIKERNEL_NAME}).
 *
 * <p>Parameter types: {@code String}, {@code int}, {@code long}, {@code boolean},
 * {@code java.nio.file.Path}, {@link ByteSize}, {@link Secret}, or {@code java.util.Optional} of one of
 * them for a key without a default. A {@link Secret} is never taken as an argument value: on unix it
 * names a file ({@code --name-file=PATH}) or comes from the environment ({@code UNIKERNEL_NAME}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Key {

    /** Marks "no default": the key is required unless the parameter is an {@code Optional}. */
    String NO_DEFAULT = "\u0000no default";

    /** The key's name: lower case words joined by '-', e.g. {@code create-size}. */
    String name();

    /** One line for {@code --help}. */
    String doc();

    /** The default value as text, parsed like a given value. */
    String defaultValue() default NO_DEFAULT;
}
