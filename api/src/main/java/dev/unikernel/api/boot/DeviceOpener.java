package dev.unikernel.api.boot;

/** The part of a generated {@code Main} that opens one deferred device stack, registering what it opens. */
@FunctionalInterface
public interface DeviceOpener<T> {
    T open(Boot scope) throws Exception;
}
