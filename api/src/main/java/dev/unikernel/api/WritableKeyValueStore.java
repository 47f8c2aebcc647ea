package dev.unikernel.api;

import java.io.IOException;

/**
 * Values by key that the program may change, as mirage's {@code kv_rw}. A write replaces the whole
 * value and is complete or absent after a crash, never half written.
 */
@Device("kv")
public interface WritableKeyValueStore extends KeyValueStore {

    /** Stores {@code value} under {@code key}, replacing any value it had. */
    void write(String key, byte[] value) throws IOException;

    /** Removes the value of {@code key}; false when there was none. */
    boolean delete(String key) throws IOException;
}
