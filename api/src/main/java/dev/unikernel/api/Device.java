package dev.unikernel.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a device parameter of an {@link Application}'s constructor (or of a provider's factory).
 * Needed only when two parameters have the same device type and the classes were compiled without
 * {@code -parameters}; otherwise the parameter's name is used. On a device contract, names the
 * devices of that contract whose parameter has no name ({@code disk} for a {@link BlockDevice}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE})
public @interface Device {

    /** The device's name: lower case words joined by '-', e.g. {@code disk}. */
    String value();
}
