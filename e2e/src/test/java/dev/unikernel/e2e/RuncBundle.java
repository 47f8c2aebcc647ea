package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A runc bundle for a Kubernetes pod's one container: the image unpacked with skopeo and umoci at the
 * digest the pod spec pins, and a config.json that does what a kubelet does with the spec (user and
 * groups, read-only root, no new privileges, capabilities dropped, each volume mounted where the spec
 * says). The pod's own network namespace is the one thing not reproduced: the container shares the
 * host's, where the test has it listen on 127.0.0.1 only.
 */
final class RuncBundle {

    private RuncBundle() {
    }

    /**
     * Unpacks {@code archive} into {@code work/bundle} and writes its config.json.
     *
     * @param hostDirectories host directory for each volume name that is a claim or a secret
     * @param testEnvironment variables the test adds over the spec's (where the container listens)
     */
    static Path prepare(Path archive, PodSpec pod, Path work, Map<String, Path> hostDirectories,
            Map<String, String> testEnvironment) throws Exception {
        Path layout = work.resolve("layout");
        Command.of(work, "skopeo", "copy", "-q", "oci-archive:" + archive, "oci:" + layout + ":run")
                .runOk(Duration.ofMinutes(5));
        String index = Files.readString(layout.resolve("index.json"));
        if (!index.contains("\"digest\":\"" + pod.digest() + "\"")) {
            throw new AssertionError("the archive is not the image the manifest pins (" + pod.digest() + "): " + index);
        }
        Path bundle = work.resolve("bundle");
        Command.of(work, "umoci", "--log", "error", "unpack", "--image", layout + ":run", bundle.toString())
                .runOk(Duration.ofMinutes(5));
        Map<String, Object> image = umociConfig(bundle);
        Map<String, Object> process = map(image.get("process"));

        Map<String, String> environment = new LinkedHashMap<>();
        for (Object variable : (List<?>) process.get("env")) {
            String[] parts = variable.toString().split("=", 2);
            environment.put(parts[0], parts[1]);
        }
        environment.putAll(pod.environment());
        environment.putAll(testEnvironment);
        List<Object> env = new ArrayList<>();
        environment.forEach((name, value) -> env.add(name + "=" + value));

        List<Object> mounts = new ArrayList<>(List.of(
                mount("/proc", "proc", "proc", List.of()),
                mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666",
                        "mode=0620")),
                mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"))));
        for (Map.Entry<String, String> volumeMount : pod.mounts().entrySet()) {
            String name = volumeMount.getKey();
            Map<String, Object> volume = pod.volumes().get(name);
            if (volume != null && volume.containsKey("emptyDir")) {
                mounts.add(mount(volumeMount.getValue(), "tmpfs", "tmpfs", List.of("nosuid", "nodev", "mode=1777")));
            } else if (hostDirectories.containsKey(name)) {
                boolean secret = volume != null && volume.containsKey("secret");
                mounts.add(mount(volumeMount.getValue(), "bind", hostDirectories.get(name).toString(),
                        List.of("rbind", secret ? "ro" : "rw")));
            } else {
                throw new AssertionError("no host directory for volume " + name + " (" + volume + ")");
            }
        }
        // drop: [ALL] leaves every set empty.
        List<Object> none = pod.droppedCapabilities().contains("ALL") ? List.of() : null;
        if (none == null) {
            throw new AssertionError("the spec keeps capabilities: " + pod.droppedCapabilities());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ociVersion", "1.0.2");
        config.put("process", Map.of("terminal", false,
                "user", Map.of("uid", pod.uid(), "gid", pod.gid(), "additionalGids", List.of(pod.fsGroup())),
                "args", process.get("args"), "env", env, "cwd", process.get("cwd"),
                "capabilities", Map.of("bounding", none, "effective", none, "permitted", none, "ambient", none),
                "noNewPrivileges", pod.noNewPrivileges()));
        config.put("root", Map.of("path", "rootfs", "readonly", pod.readOnlyRoot()));
        config.put("hostname", "pod");
        config.put("mounts", mounts);
        config.put("linux", Map.of("namespaces", List.of(Map.of("type", "pid"), Map.of("type", "ipc"),
                Map.of("type", "uts"), Map.of("type", "mount"))));
        Files.writeString(bundle.resolve("config.json"), JsonText.of(config));
        assertEquals(Boolean.TRUE, pod.readOnlyRoot(), "the spec's root file system is writable");
        return bundle;
    }

    private static Map<String, Object> umociConfig(Path bundle) throws Exception {
        // JSON is YAML 1.2, once the indentation's tabs are spaces (a tab inside a string is escaped).
        String json = Files.readString(bundle.resolve("config.json")).replace('\t', ' ');
        return map(new Load(LoadSettings.builder().build()).loadFromString(json));
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> mount = new LinkedHashMap<>();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.put("options", options);
        return mount;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }
}
