package dev.unikernel.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link KeyValueStore} knows about one value.
 *
 * @param size         its length in bytes
 * @param lastModified when it last changed (the time the store holds, to the second or finer)
 * @param digest       a strong validator that changes whenever the bytes change (an HTTP entity tag),
 *                     such as the SHA-256 of the value in hex
 */
public record ValueInfo(long size, Instant lastModified, String digest) {

    public ValueInfo {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " < 0");
        }
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(digest, "digest");
    }
}
