package dev.unikernel.engine.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class KubernetesManifestTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);

    static Workload sftp() {
        return new Workload("sftp", "localhost/sftp@" + DIGEST, false, "sftp.tar", 65532, 65532, List.of(22),
                Map.of("UNIKERNEL_CREATE_SIZE", "960M", "UNIKERNEL_HOST_KEY", "/data/host-key"), List.of("motd"),
                List.of("passphrase", "password-hash"), List.of("passphrase"), List.of("/data/host-key"), "1Gi");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(text)
                .forEach(document -> documents.add((Map<String, Object>) document));
        return documents;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (T) node;
    }

    @Test
    void aStatefulSetOfOnePodWithItsClaimItsSecretsAndTheTightestSecurityContext() {
        String text = new KubernetesManifest(sftp()).text();
        List<Map<String, Object>> documents = documents(text);
        assertEquals(List.of("Service", "StatefulSet"), documents.stream().map(d -> d.get("kind")).toList());
        Map<String, Object> set = documents.get(1);
        assertEquals(1, (int) at(set, "spec", "replicas"));
        assertEquals("RollingUpdate", at(set, "spec", "updateStrategy", "type"));
        assertEquals(List.of("ReadWriteOncePod"), at(set, "spec", "volumeClaimTemplates", 0, "spec", "accessModes"));
        assertEquals("1Gi", at(set, "spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage"));
        Map<String, Object> pod = at(set, "spec", "template", "spec");
        assertEquals(65532, (int) at(pod, "securityContext", "fsGroup"));
        assertEquals("RuntimeDefault", at(pod, "securityContext", "seccompProfile", "type"));
        assertEquals("0", at(pod, "securityContext", "sysctls", 0, "value"), "port 22 as non-root");
        assertEquals("sftp-secrets", at(pod, "volumes", 0, "secret", "secretName"));
        assertEquals(0440, (int) at(pod, "volumes", 0, "secret", "defaultMode"));
        Map<String, Object> container = at(pod, "containers", 0);
        assertEquals("localhost/sftp@" + DIGEST, container.get("image"));
        assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop"));
        assertEquals(22, (int) at(container, "startupProbe", "tcpSocket", "port"));
        assertEquals(22, (int) at(container, "livenessProbe", "tcpSocket", "port"));
        assertEquals(Map.of("name", "secrets", "mountPath", "/run/secrets", "readOnly", true),
                at(container, "volumeMounts", 1));
        assertEquals(Map.of("name", "UNIKERNEL_MOTD", "valueFrom",
                Map.of("configMapKeyRef", Map.of("name", "sftp-keys", "key", "motd"))), at(container, "env", 2));
        assertEquals(22, (int) at(documents.get(0), "spec", "ports", 0, "targetPort"));
        assertTrue(text.startsWith("# sftp on Kubernetes"), text);
        assertFalse(text.contains("&id") || text.contains("*id"), "anchors: " + text);
        assertTrue(text.contains("kubectl create secret generic sftp-secrets --from-file=passphrase=./passphrase"
                + " --from-file=password-hash=./password-hash"), text);
        assertTrue(text.contains("skopeo copy oci-archive:target/unikernel/oci/sftp.tar docker://REGISTRY/sftp:TAG"), text);
    }

    @Test
    void theSameWorkloadGivesTheSameBytes() {
        assertEquals(new KubernetesManifest(sftp()).text(), new KubernetesManifest(sftp()).text());
        assertEquals(new ComposeFile(sftp()).text(), new ComposeFile(sftp()).text());
    }

    @Test
    void composeRunsTheSameImageUserVolumeSecretsAndPorts() {
        String text = new ComposeFile(sftp()).text();
        Map<String, Object> compose = documents(text).getFirst();
        Map<String, Object> service = at(compose, "services", "sftp");
        assertEquals("localhost/sftp@" + DIGEST, service.get("image"));
        assertEquals("65532:65532", service.get("user"));
        assertEquals(true, service.get("read_only"));
        assertEquals(List.of("22:22"), service.get("ports"));
        assertEquals(List.of("data:/data"), service.get("volumes"));
        assertEquals(List.of("passphrase"), service.get("secrets"), "only the required secrets: compose needs each file");
        assertEquals("./secrets/passphrase", at(compose, "secrets", "passphrase", "file"));
        assertEquals("${UNIKERNEL_MOTD:?set UNIKERNEL_MOTD}", at(service, "environment", "UNIKERNEL_MOTD"));
        assertFalse(text.contains("password-hash:"), text);
        assertTrue(text.contains("user: \"65532:65532\"") && text.contains("- \"22:22\""),
                "YAML 1.1 reads 22:22 unquoted as a base-60 number: " + text);
    }
}
