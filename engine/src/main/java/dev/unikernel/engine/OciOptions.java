package dev.unikernel.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oci target's build parameters.
 *
 * @param from                  base image reference, or null to build from scratch (the default)
 * @param image                 registry reference to push to ({@code HOST[:PORT]/NAME[:TAG]}), or null to
 *                              write {@code <name>.tar}
 * @param allowInsecureRegistry allow plain HTTP (and unverified TLS) for registries other than
 *                              localhost and 127.0.0.1, which always may use HTTP
 * @param user                  the {@code uid:gid} the program runs as
 * @param ports                 TCP ports to expose; empty: the defaults of the application's port keys
 * @param environment           environment variables set in the image, e.g. {@code UNIKERNEL_PORT=22}
 *                              as the oci target's default of a key
 * @param labels                extra image labels
 * @param source                {@code org.opencontainers.image.source}, or null
 * @param version               {@code org.opencontainers.image.version}, or null
 * @param revision              {@code org.opencontainers.image.revision}, or null
 * @param creationTime          the image's and every file's time: fixed, so builds are reproducible
 */
public record OciOptions(String from, String image, boolean allowInsecureRegistry, String user, List<Integer> ports,
        Map<String, String> environment, Map<String, String> labels, String source, String version,
        String revision, Instant creationTime) {

    /** A user that is not root and exists in no base image: distroless' "nonroot". */
    public static final String DEFAULT_USER = "65532:65532";

    public OciOptions {
        from = blankToNull(from);
        image = blankToNull(image);
        user = user == null || user.isBlank() ? DEFAULT_USER : user.trim();
        ports = List.copyOf(new TreeSet<>(ports));
        // Sorted: the image configuration, and so the digest, must not depend on the order given.
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        source = blankToNull(source);
        version = blankToNull(version);
        revision = blankToNull(revision);
        Objects.requireNonNull(creationTime, "creationTime");
    }

    public static OciOptions defaults() {
        return new OciOptions(null, null, false, DEFAULT_USER, List.of(), Map.of(), Map.of(), null, null, null,
                Instant.EPOCH);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
