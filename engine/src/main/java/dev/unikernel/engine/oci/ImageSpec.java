package dev.unikernel.engine.oci;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an image is made of, as a value, before jib-core builds it: so tests can inspect the
 * layering and the configuration without building.
 *
 * @param from         base image reference, or null for scratch
 * @param architecture OCI architecture: {@code amd64} or {@code arm64}
 * @param layers       bottom first: the rarely changing ones below the often changing ones
 * @param entrypoint   the command the container runs; its arguments follow
 * @param environment  image environment variables
 * @param ports        exposed TCP ports
 * @param volumes      volume paths
 * @param user         {@code uid:gid}
 * @param workingDirectory the process's working directory
 * @param labels       image labels
 * @param creationTime the image's creation time and every file's modification time
 */
public record ImageSpec(String from, String architecture, List<LayerContents> layers, List<String> entrypoint,
        Map<String, String> environment, List<Integer> ports, List<String> volumes, String user,
        String workingDirectory, Map<String, String> labels, Instant creationTime) {

    public ImageSpec {
        layers = List.copyOf(layers);
        entrypoint = List.copyOf(entrypoint);
        // Sorted maps: their order is written into the image configuration, and so into the digest.
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        ports = List.copyOf(ports);
        volumes = List.copyOf(volumes);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The OCI architecture name of the machine the build runs on (its JRE and glibc go in the image). */
    public static String hostArchitecture() {
        return switch (System.getProperty("os.arch")) {
            case "aarch64" -> "arm64";
            case "amd64", "x86_64" -> "amd64";
            default -> System.getProperty("os.arch");
        };
    }
}
