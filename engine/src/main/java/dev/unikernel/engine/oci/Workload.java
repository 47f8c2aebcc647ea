package dev.unikernel.engine.oci;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an orchestrator needs to run the built image as one long-lived server with its disk: the
 * facts the Kubernetes manifest and compose.yaml share, derived from the plan at build time.
 *
 * @param name        the program's name: the StatefulSet, Service and compose service
 * @param image       the image pinned by digest, {@code REF@sha256:...}
 * @param pushed      true when {@code image} is the pushed reference, false when the user loads the archive
 * @param archive     the archive's file name beside the manifest ({@code <name>.tar}), for the load command
 * @param uid         the image user's uid
 * @param gid         the image user's gid
 * @param ports       the exposed TCP ports; the first is probed
 * @param environment variables the orchestrator sets beyond the image's own
 * @param configKeys  keys without a default that only the user can give, read from a ConfigMap by name
 * @param secrets     the secret keys, as file names under {@link #SECRETS}
 * @param requiredSecrets those of {@code secrets} the program cannot start without
 * @param volumeFiles files the program reads from {@code /data} that the user must put there
 * @param volumeSize  the claim's size, a Kubernetes quantity ({@code 1Gi})
 */
public record Workload(String name, String image, boolean pushed, String archive, int uid, int gid,
        List<Integer> ports, Map<String, String> environment, List<String> configKeys, List<String> secrets,
        List<String> requiredSecrets, List<String> volumeFiles, String volumeSize) {

    /** Where the oci runtime looks for a secret key's file by default (Docker, Podman, Compose secrets). */
    public static final String SECRETS = "/run/secrets";
    /** The image's volume. */
    public static final String DATA = "/data";

    public Workload {
        ports = List.copyOf(ports);
        // Sorted: the files are build outputs and must be the same for the same build.
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        configKeys = List.copyOf(configKeys);
        secrets = List.copyOf(secrets);
        requiredSecrets = List.copyOf(requiredSecrets);
        volumeFiles = List.copyOf(volumeFiles);
    }

    /** The Secret the user creates, one entry per secret key. */
    public String secretName() {
        return name + "-secrets";
    }

    /** The ConfigMap the user creates for {@link #configKeys}. */
    public String configMapName() {
        return name + "-keys";
    }

    /** True when a port below 1024 must be bound by the non-root user. */
    boolean needsLowPorts() {
        return ports.stream().anyMatch(port -> port < 1024);
    }

    /** The command that makes {@link #image} exist where the orchestrator looks, for the files' comments. */
    String loadHint(String engine) {
        if (pushed) {
            return "the image was pushed to " + image.substring(0, image.indexOf('@')) + " by the build";
        }
        String repository = image.substring(0, image.indexOf('@'));
        return switch (engine) {
            case "podman" -> "podman load -i target/unikernel/oci/" + archive;
            case "docker" -> "skopeo copy oci-archive:target/unikernel/oci/" + archive + " docker-daemon:"
                    + repository + ":latest";
            default -> "skopeo copy oci-archive:target/unikernel/oci/" + archive + " docker://REGISTRY/" + name
                    + ":TAG (the digest stays the same), then set image: REGISTRY/" + name + "@"
                    + image.substring(image.indexOf('@') + 1) + " below, or build with"
                    + " -Dunikernel.image=REGISTRY/" + name + ":TAG to have it written here";
        };
    }
}
