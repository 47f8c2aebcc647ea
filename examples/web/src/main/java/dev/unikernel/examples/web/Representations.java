package dev.unikernel.examples.web;

import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.ValueInfo;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a response of each value needs besides the store's {@link ValueInfo}: its validators as header
 * text, its type, and its bytes. Kept per key while the store reports the same info (the digest is a
 * strong validator: other bytes, another digest), so that a request for an unchanged value costs one
 * {@code info} call and no read. Small values only, up to a budget; others are read on every request.
 */
final class Representations {

    static final int LARGEST_KEPT = 256 * 1024;
    static final long BUDGET = 32L << 20;

    /** One value as it is sent; {@code body} is null when it was too large to keep. */
    record Representation(ValueInfo info, String entityTag, String lastModified, String contentType, byte[] body) {
    }

    private final KeyValueStore site;
    private final Map<String, Representation> kept = new ConcurrentHashMap<>();
    private final AtomicLong keptBytes = new AtomicLong();

    Representations(KeyValueStore site) {
        this.site = site;
    }

    /** The validators and type of {@code key} as {@code info} describes it, and its bytes when they are kept. */
    Representation of(String key, ValueInfo info) {
        Representation known = kept.get(key);
        if (known != null && known.info().equals(info)) {
            return known;
        }
        return new Representation(info, ConditionalRequest.entityTag(info),
                ConditionalRequest.httpDate(info.lastModified()), ContentTypes.of(key), null);
    }

    /** The bytes of {@code representation}: kept ones, else read now (and kept when they fit the budget). */
    byte[] body(String key, Representation representation) throws IOException {
        if (representation.body() != null) {
            return representation.body();
        }
        byte[] body = site.read(key);
        ValueInfo info = representation.info();
        if (body.length == info.size() && body.length <= LARGEST_KEPT) {
            if (keptBytes.addAndGet(body.length) > BUDGET) {
                keptBytes.addAndGet(-body.length); // the budget is spent: read this one on every request
            } else {
                // A read of another size than info said (the value changed meanwhile) is never kept; one of
                // the same size but other bytes is replaced as soon as info reports their digest.
                Representation old = kept.put(key, new Representation(info, representation.entityTag(),
                        representation.lastModified(), representation.contentType(), body));
                if (old != null && old.body() != null) {
                    keptBytes.addAndGet(-old.body().length);
                }
            }
        }
        return body;
    }
}
