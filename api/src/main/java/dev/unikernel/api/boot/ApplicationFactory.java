package dev.unikernel.api.boot;

import dev.unikernel.api.Application;

/** The body of a generated {@code Main}: connects devices in dependency order and constructs the application. */
@FunctionalInterface
public interface ApplicationFactory {
    Application create(Boot boot) throws Exception;
}
