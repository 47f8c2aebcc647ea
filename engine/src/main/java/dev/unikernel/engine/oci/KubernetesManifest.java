package dev.unikernel.engine.oci;

import static dev.unikernel.engine.oci.YamlDocuments.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <name>.kubernetes.yaml}: the image as a StatefulSet of one pod with its own disk (a claim
 * for {@code /data}), the secret keys as files from a Secret the user creates, a Service for the
 * exposed ports, the tightest security context the program runs under, and TCP probes. The
 * StatefulSet's RollingUpdate deletes the old pod before it creates the new one, and the claim is
 * ReadWriteOncePod: the disk's file systems have one writer, so two pods must never open it.
 */
public record KubernetesManifest(Workload workload) {

    /** The file's text: the header's commands, then the Service (when ports are exposed) and the StatefulSet. */
    public String text() {
        List<Map<String, Object>> documents = new ArrayList<>();
        if (!workload.ports().isEmpty()) {
            documents.add(service());
        }
        documents.add(statefulSet());
        return YamlDocuments.text(header(), documents);
    }

    private List<String> header() {
        String name = workload.name();
        List<String> lines = new ArrayList<>(List.of(
                name + " on Kubernetes, written by unikernel-maven-plugin (target oci) for the image it built,",
                "pinned by digest: " + workload.image(),
                "",
                "1. The image: " + workload.loadHint("kubernetes") + "."));
        if (!workload.secrets().isEmpty()) {
            lines.add("2. The secrets (never in this file), one file each under " + Workload.SECRETS + ":");
            lines.add("   kubectl create secret generic " + workload.secretName() + " "
                    + String.join(" ", workload.secrets().stream().map(key -> "--from-file=" + key + "=./" + key).toList()));
            lines.add("   (mounted with defaultMode 288, that is 0440: the program's group reads them)");
            if (workload.secrets().size() > workload.requiredSecrets().size()) {
                lines.add("   (required: " + String.join(", ", workload.requiredSecrets()) + "; leave out the others)");
            }
        }
        if (!workload.configKeys().isEmpty()) {
            lines.add("3. The keys only you can give: kubectl create configmap " + workload.configMapName() + " "
                    + String.join(" ", workload.configKeys().stream().map(key -> "--from-literal=" + key + "=VALUE")
                            .toList()));
        }
        if (!workload.volumeFiles().isEmpty()) {
            lines.add("The program reads " + String.join(", ", workload.volumeFiles()) + " from its volume: put them"
                    + " in the claim data-" + name + "-0 before it starts.");
        }
        // podman kube play takes Pods, Deployments, DaemonSets and Jobs, not StatefulSets: compose.yaml is for podman.
        lines.add("Then: kubectl apply -f " + name + ".kubernetes.yaml (podman: use compose.yaml beside it).");
        lines.add("");
        lines.add("Updates: RollingUpdate of a StatefulSet deletes the old pod before it starts the new one, so two");
        lines.add("pods never open the one disk; the claim's ReadWriteOncePod access mode enforces it.");
        return lines;
    }

    private Map<String, Object> labels() {
        return map("app.kubernetes.io/name", workload.name());
    }

    private Map<String, Object> service() {
        List<Object> ports = new ArrayList<>();
        for (int port : workload.ports()) {
            ports.add(map("name", portName(port), "port", port, "targetPort", port, "protocol", "TCP"));
        }
        return map("apiVersion", "v1", "kind", "Service",
                "metadata", map("name", workload.name(), "labels", labels()),
                "spec", map("selector", labels(), "ports", ports));
    }

    private Map<String, Object> statefulSet() {
        return map("apiVersion", "apps/v1", "kind", "StatefulSet",
                "metadata", map("name", workload.name(), "labels", labels()),
                "spec", map("serviceName", workload.name(), "replicas", 1,
                        "selector", map("matchLabels", labels()),
                        "updateStrategy", map("type", "RollingUpdate"),
                        "podManagementPolicy", "OrderedReady",
                        "template", map("metadata", map("labels", labels()), "spec", podSpec()),
                        "volumeClaimTemplates", List.of(map("metadata", map("name", "data"),
                                "spec", map("accessModes", List.of("ReadWriteOncePod"),
                                        "resources", map("requests", map("storage", workload.volumeSize())))))));
    }

    private Map<String, Object> podSpec() {
        Map<String, Object> podSecurity = map("runAsNonRoot", true, "runAsUser", workload.uid(),
                "runAsGroup", workload.gid(), "fsGroup", workload.gid(),
                "seccompProfile", map("type", "RuntimeDefault"));
        if (workload.needsLowPorts()) {
            // A safe sysctl: the non-root program binds its port below 1024 without a capability.
            podSecurity.put("sysctls", List.of(map("name", "net.ipv4.ip_unprivileged_port_start", "value", "0")));
        }
        List<Object> volumes = new ArrayList<>();
        if (!workload.secrets().isEmpty()) {
            // 0440 with fsGroup: readable by the program's group only.
            volumes.add(map("name", "secrets", "secret", map("secretName", workload.secretName(), "defaultMode", 0440)));
        }
        volumes.add(map("name", "tmp", "emptyDir", map("medium", "Memory", "sizeLimit", "64Mi")));
        return map("automountServiceAccountToken", false, "enableServiceLinks", false,
                "terminationGracePeriodSeconds", 60, "securityContext", podSecurity,
                "containers", List.of(container()), "volumes", volumes);
    }

    private Map<String, Object> container() {
        List<Object> env = new ArrayList<>();
        workload.environment().forEach((variable, value) -> env.add(map("name", variable, "value", value)));
        for (String key : workload.configKeys()) {
            env.add(map("name", environmentName(key), "valueFrom",
                    map("configMapKeyRef", map("name", workload.configMapName(), "key", key))));
        }
        List<Object> ports = new ArrayList<>();
        for (int port : workload.ports()) {
            ports.add(map("name", portName(port), "containerPort", port, "protocol", "TCP"));
        }
        List<Object> mounts = new ArrayList<>();
        mounts.add(map("name", "data", "mountPath", Workload.DATA));
        if (!workload.secrets().isEmpty()) {
            mounts.add(map("name", "secrets", "mountPath", Workload.SECRETS, "readOnly", true));
        }
        mounts.add(map("name", "tmp", "mountPath", "/tmp"));
        Map<String, Object> container = map("name", workload.name(), "image", workload.image(),
                "env", env.isEmpty() ? null : env, "ports", ports.isEmpty() ? null : ports, "volumeMounts", mounts,
                "securityContext", map("runAsNonRoot", true, "runAsUser", workload.uid(), "runAsGroup", workload.gid(),
                        "readOnlyRootFilesystem", true, "allowPrivilegeEscalation", false,
                        "capabilities", map("drop", List.of("ALL")), "seccompProfile", map("type", "RuntimeDefault")));
        if (!workload.ports().isEmpty()) {
            Map<String, Object> socket = map("port", workload.ports().getFirst());
            // Startup allows two minutes (a first start creates and formats the disk); then every 10 s.
            container.put("startupProbe", map("tcpSocket", socket, "periodSeconds", 2, "failureThreshold", 60));
            container.put("readinessProbe", map("tcpSocket", socket, "periodSeconds", 10));
            container.put("livenessProbe", map("tcpSocket", socket, "periodSeconds", 20, "failureThreshold", 3));
        }
        return container;
    }

    private static String portName(int port) {
        return "tcp-" + port;
    }

    /** The oci runtime's spelling of a key: {@code create-size} is {@code UNIKERNEL_CREATE_SIZE}. */
    static String environmentName(String key) {
        return "UNIKERNEL_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
