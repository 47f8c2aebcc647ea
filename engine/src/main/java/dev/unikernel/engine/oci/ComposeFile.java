package dev.unikernel.engine.oci;

import static dev.unikernel.engine.oci.YamlDocuments.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code compose.yaml}: the same image, volume, secrets, user and ports as the Kubernetes manifest,
 * for {@code docker compose up} or {@code podman compose up} on one machine. The secrets are files
 * in {@code secrets/} beside it, mounted at {@link Workload#SECRETS} as the runtime expects; keys only
 * the user can give come from the environment compose runs in.
 */
public record ComposeFile(Workload workload) {

    public String text() {
        String name = workload.name();
        List<String> header = new ArrayList<>(List.of(
                name + " with docker compose or podman compose, written by unikernel-maven-plugin (target oci),",
                "pinned by digest: " + workload.image(),
                "The image: " + workload.loadHint("podman") + " (podman), or " + workload.loadHint("docker")
                        + " (docker)."));
        if (!workload.requiredSecrets().isEmpty()) {
            header.add("The secrets (never in this file): " + String.join(", ", workload.requiredSecrets().stream()
                    .map(key -> "secrets/" + key).toList()) + " beside this file.");
        }
        if (!workload.configKeys().isEmpty()) {
            header.add("Set " + String.join(", ", workload.configKeys().stream()
                    .map(KubernetesManifest::environmentName).toList()) + " in the environment.");
        }
        if (!workload.volumeFiles().isEmpty()) {
            header.add("The program reads " + String.join(", ", workload.volumeFiles())
                    + " from its volume: put them in the volume " + name + "-data first.");
        }
        header.add("Then: docker compose up (or: podman compose up).");
        return YamlDocuments.text(header, List.of(map("services", map(name, service()),
                "volumes", map("data", map("name", name + "-data")),
                "secrets", secrets())));
    }

    private Map<String, Object> service() {
        Map<String, Object> environment = map();
        environment.putAll(workload.environment());
        for (String key : workload.configKeys()) {
            String variable = KubernetesManifest.environmentName(key);
            environment.put(variable, "${" + variable + ":?set " + variable + "}");
        }
        List<Object> ports = new ArrayList<>();
        for (int port : workload.ports()) {
            ports.add(port + ":" + port);
        }
        Map<String, Object> service = map("image", workload.image(), "user", workload.uid() + ":" + workload.gid(),
                "read_only", true, "tmpfs", List.of("/tmp"),
                "cap_drop", List.of("ALL"), "security_opt", List.of("no-new-privileges:true"),
                "environment", environment.isEmpty() ? null : environment,
                "ports", ports.isEmpty() ? null : ports,
                "volumes", List.of("data:" + Workload.DATA),
                "secrets", workload.requiredSecrets().isEmpty() ? null : new ArrayList<Object>(workload.requiredSecrets()));
        if (workload.needsLowPorts()) {
            service.put("sysctls", map("net.ipv4.ip_unprivileged_port_start", "0"));
        }
        // A SIGTERM lets the program close its disk cleanly: give it the time Kubernetes gives it.
        service.put("stop_grace_period", "60s");
        return service;
    }

    private Map<String, Object> secrets() {
        Map<String, Object> secrets = map();
        for (String key : workload.requiredSecrets()) {
            secrets.put(key, map("file", "./secrets/" + key));
        }
        return secrets.isEmpty() ? null : secrets;
    }
}
