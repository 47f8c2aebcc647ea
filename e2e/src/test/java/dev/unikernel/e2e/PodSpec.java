package dev.unikernel.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The one container of a generated Kubernetes manifest's StatefulSet, as a kubelet reads it: what a
 * test needs to run that container the same way elsewhere (under runc).
 *
 * @param image        the pinned reference, {@code REF@sha256:...}
 * @param environment  the container's {@code env} values (a {@code valueFrom} fails the parse: tests give values)
 * @param mounts       volume name to mount path
 * @param volumes      volume name to its pod-level source ({@code secret}, {@code emptyDir}), null for a claim
 * @param uid          runAsUser
 * @param gid          runAsGroup
 * @param fsGroup      the pod's fsGroup: the group owning the volumes
 * @param readOnlyRoot readOnlyRootFilesystem
 * @param noNewPrivileges the inverse of allowPrivilegeEscalation
 * @param droppedCapabilities capabilities.drop
 * @param ports        containerPorts
 * @param secretMode   the Secret volume's defaultMode
 */
record PodSpec(String image, Map<String, String> environment, Map<String, String> mounts,
        Map<String, Map<String, Object>> volumes, int uid, int gid, int fsGroup, boolean readOnlyRoot,
        boolean noNewPrivileges, List<String> droppedCapabilities, List<Integer> ports, int secretMode) {

    /** The image's digest, {@code sha256:...}. */
    String digest() {
        return image.substring(image.indexOf('@') + 1);
    }

    static PodSpec of(Path manifest) throws IOException {
        Map<String, Object> set = null;
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(manifest))) {
            if ("StatefulSet".equals(at(document, "kind"))) {
                set = at(document);
            }
        }
        if (set == null) {
            throw new AssertionError("no StatefulSet in " + manifest);
        }
        Map<String, Object> pod = at(set, "spec", "template", "spec");
        List<Object> containers = at(pod, "containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        Object container = containers.getFirst();
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object variable : PodSpec.<List<Object>>at(container, "env")) {
            if (at(variable, "value") == null) {
                throw new AssertionError("env " + at(variable, "name") + " has no value: " + variable);
            }
            environment.put(at(variable, "name"), at(variable, "value"));
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object mount : PodSpec.<List<Object>>at(container, "volumeMounts")) {
            mounts.put(at(mount, "name"), at(mount, "mountPath"));
        }
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        int secretMode = 0644; // Kubernetes' default
        for (Object volume : PodSpec.<List<Object>>at(pod, "volumes")) {
            volumes.put(at(volume, "name"), at(volume));
            if (at(volume, "secret", "defaultMode") != null) {
                secretMode = at(volume, "secret", "defaultMode");
            }
        }
        Map<String, Object> security = at(container, "securityContext");
        List<Integer> ports = PodSpec.<List<Object>>at(container, "ports").stream()
                .map(port -> (Integer) at(port, "containerPort")).toList();
        return new PodSpec(at(container, "image"), environment, mounts, volumes, at(security, "runAsUser"),
                at(security, "runAsGroup"), at(pod, "securityContext", "fsGroup"),
                at(security, "readOnlyRootFilesystem"), !(Boolean) at(security, "allowPrivilegeEscalation"),
                at(security, "capabilities", "drop"), ports, secretMode);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, Object... path) {
        for (Object step : path) {
            node = node == null ? null : ((Map<String, Object>) node).get(step);
        }
        return (T) node;
    }
}
