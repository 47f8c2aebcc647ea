package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unikernel.engine.oci.ImageBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oci packaging end to end without Maven: a jlink'ed runtime, glibc, jars, built by jib-core into
 * an OCI archive that is then read back entry by entry.
 */
class OciPackagerTest {

    private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Plan plan;
    private static BuildOptions options;

    @BeforeAll
    static void planStorage() throws Exception {
        plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "oci", "storage");
        OciOptions oci = new OciOptions(null, null, false, null, List.of(), Map.of("UNIKERNEL_PORT", "22"),
                Map.of("extra", "label"), "https://example.org/storage", "1.0", "0123456789abcdef0123456789abcdef01234567",
                TIME);
        options = new BuildOptions(true, List.of(), List.of("-Xmx64m"), VmOptions.defaults(), oci);
    }

    /** The generated Main's jar, the application's, a released library and a snapshot one. */
    private static LinkedProgram program(Path dir, String applicationText) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String[] jar : new String[][] {{"unikernel-main.jar", "Main"}, {"storage-1.0.jar", applicationText},
                {"lib-1.0.jar", "library"}, {"runtime-0.1.0-SNAPSHOT.jar", "runtime"}}) {
            Path classes = dir.resolve("classes-" + jar[0]);
            Files.createDirectories(classes);
            Files.writeString(classes.resolve("content.txt"), jar[1]);
            Path file = dir.resolve("jars").resolve(jar[0]);
            JarWriter.write(classes, file);
            jars.add(file);
        }
        return new LinkedProgram("storage", jars);
    }

    private static Path build(Path out, LinkedProgram program) throws Exception {
        BuildInputs inputs = new BuildInputs(out, List.of(), List.of(), "storage-1.0.jar", out, "TEST");
        return new OciPackager().pack(plan, program, inputs, options, new RecordingLog());
    }

    @Test
    void twoBuildsGiveTheSameDigestAndOnlyTheApplicationLayerFollowsACodeChange() throws Exception {
        Path first = build(work.resolve("one"), program(work.resolve("in-one"), "v1"));
        Path second = build(work.resolve("two"), program(work.resolve("in-two"), "v1"));
        assertEquals(Files.readString(first.resolveSibling("storage.digest")),
                Files.readString(second.resolveSibling("storage.digest")));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "the archives differ");
        assertTrue(Files.readString(first.resolveSibling("storage.digest")).matches("sha256:[0-9a-f]{64}\n"));
        String digest = Files.readString(first.resolveSibling("storage.digest")).strip();
        String manifest = Files.readString(first.resolveSibling("storage.kubernetes.yaml"));
        assertTrue(manifest.contains("image: localhost/storage@" + digest), manifest);
        assertEquals(manifest, Files.readString(second.resolveSibling("storage.kubernetes.yaml")));
        assertEquals(Files.readString(first.resolveSibling("compose.yaml")),
                Files.readString(second.resolveSibling("compose.yaml")));

        List<String> before = layerDigests(Archive.read(first));
        Path changed = build(work.resolve("two"), program(work.resolve("in-three"), "v2"));
        List<String> after = layerDigests(Archive.read(changed));
        assertEquals(before.subList(0, 4), after.subList(0, 4), "a code change touched a lower layer");
        assertNotEquals(before.get(4), after.get(4));
    }

    @Test
    void layersAreOrderedByHowOftenTheyChangeAndKeepModesAndOwners() throws Exception {
        Path tar = build(work.resolve("layers"), program(work.resolve("in-layers"), "v1"));
        Archive archive = Archive.read(tar);
        JsonNode config = archive.config();
        List<String> names = new ArrayList<>();
        config.get("history").forEach(h -> names.add(h.get("comment").asText()));
        assertEquals(List.of("system", "jre", "libraries", "snapshot-libraries", "application"), names);
        config.get("history").forEach(h -> assertEquals(ImageBuilder.TOOL_NAME + ":" + ImageBuilder.TOOL_VERSION,
                h.get("created_by").asText()));

        List<Map<String, TarArchiveEntry>> layers = archive.layers();
        Map<String, TarArchiveEntry> system = layers.get(0);
        assertTrue(system.keySet().stream().anyMatch(n -> n.matches("(usr/)?lib(64)?/.*libc\\.so\\.6")), system.keySet().toString());
        assertTrue(system.containsKey("etc/passwd"));
        TarArchiveEntry data = system.get("data/");
        assertTrue(data.isDirectory());
        assertEquals(65532, data.getLongUserId());
        assertEquals(65532, data.getLongGroupId());

        TarArchiveEntry java = layers.get(1).get("jre/bin/java");
        assertEquals(0755, java.getMode() & 07777);
        assertEquals(0, java.getLongUserId());
        assertTrue(layers.get(1).containsKey("jre/lib/modules"));
        assertEquals(0755, layers.get(1).get("jre/lib/jspawnhelper").getMode() & 0777, "jspawnhelper must run");
        assertEquals(List.of("app/lib/", "app/lib/lib-1.0.jar"), List.copyOf(layers.get(2).keySet()).subList(1, 3));
        assertTrue(layers.get(3).containsKey("app/lib/runtime-0.1.0-SNAPSHOT.jar"));
        assertTrue(layers.get(4).containsKey("app/unikernel-main.jar") && layers.get(4).containsKey("app/storage-1.0.jar"));
        for (Map<String, TarArchiveEntry> layer : layers) {
            for (TarArchiveEntry entry : layer.values()) {
                if (!entry.isDirectory()) {
                    assertEquals(TIME, entry.getModTime().toInstant(), entry.getName());
                }
            }
        }

        JsonNode container = config.get("config");
        assertEquals("65532:65532", container.get("User").asText());
        assertTrue(container.get("ExposedPorts").has("22/tcp"), "the port key's oci value is exposed: " + container);
        assertTrue(container.get("Volumes").has("/data"));
        assertEquals("/jre/bin/java", container.get("Entrypoint").get(0).asText());
        assertEquals("-Xmx64m", container.get("Entrypoint").get(1).asText());
        assertEquals("/app/unikernel-main.jar:/app/storage-1.0.jar:/app/lib/lib-1.0.jar:/app/lib/runtime-0.1.0-SNAPSHOT.jar",
                container.get("Entrypoint").get(3).asText());
        assertEquals("unikernel.Main", container.get("Entrypoint").get(4).asText());
        JsonNode labels = container.get("Labels");
        assertEquals("https://example.org/storage", labels.get("org.opencontainers.image.source").asText());
        assertEquals("1.0", labels.get("org.opencontainers.image.version").asText());
        assertEquals("0123456789abcdef0123456789abcdef01234567", labels.get("org.opencontainers.image.revision").asText());
        assertEquals("label", labels.get("extra").asText());
        assertEquals(TIME.toString(), config.get("created").asText());
        assertTrue(Files.isExecutable(tar.resolveSibling("run-storage.sh")));
    }

    @Test
    void scratchWithoutJlinkAndUnknownKeyVariablesAreRefusedWithTheFix() throws Exception {
        BuildOptions noJlink = new BuildOptions(false, List.of(), List.of(), VmOptions.defaults(), OciOptions.defaults());
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> OciPackager.spec(plan, new LinkedProgram("s", List.of()), noJlink, work.resolve("x"), new RecordingLog()));
        assertTrue(e.getMessage().contains("<jlink>true</jlink>") && e.getMessage().contains("<from>"), e.getMessage());

        OciOptions typo = new OciOptions(null, null, false, null, List.of(), Map.of("UNIKERNEL_PROT", "22"), Map.of(),
                null, null, null, TIME);
        UnikernelException unknown = assertThrows(UnikernelException.class, () -> OciPackager.spec(plan,
                new LinkedProgram("s", List.of()), new BuildOptions(true, List.of(), List.of(), VmOptions.defaults(), typo),
                work.resolve("y"), new RecordingLog()));
        assertTrue(unknown.getMessage().contains("<imageEnvironment> sets UNIKERNEL_PROT"), unknown.getMessage());

        for (String variable : List.of("UNIKERNEL_PASSPHRASE")) {
            // Beside a variable the build takes (a file's path): the secret alone is refused, before anything is linked.
            OciOptions baked = new OciOptions(null, null, false, null, List.of(), Map.of(variable, "hunter2",
                    "UNIKERNEL_PASSPHRASE_FILE", "/run/secrets/passphrase"), Map.of(),
                    null, null, null, TIME);
            UnikernelException secret = assertThrows(UnikernelException.class, () -> OciPackager.spec(plan,
                    new LinkedProgram("s", List.of()), new BuildOptions(true, List.of(), List.of(), VmOptions.defaults(),
                            baked), work.resolve("z"), new RecordingLog()));
            assertEquals("<imageEnvironment> sets UNIKERNEL_PASSPHRASE, a secret key: the image configuration and"
                    + " run-storage.sh would carry it to everyone who has the image. Remove it and mount the secret as a"
                    + " file instead: /run/secrets/passphrase (a Kubernetes Secret, podman or docker --secret, OCI_SECRETS"
                    + " for run-storage.sh), or name the file with UNIKERNEL_PASSPHRASE_FILE", secret.getMessage());
            assertFalse(secret.getMessage().contains("hunter2"));
        }

        assertThrows(UnikernelException.class, () -> OciPackager.parseUser("nobody"));
        assertArrayEquals(new int[] {1000, 1000}, OciPackager.parseUser("1000"));
    }

    @Test
    void devicesDefaultToTheDataVolumeAndServersToEveryAddress() throws Exception {
        Map<String, String> defaults = new HashMap<>();
        plan.keys().forEach(k -> defaults.put(k.name(), k.defaultValue()));
        assertEquals("/data/data.img", defaults.get("data"));
        assertEquals("/data/scratch-disk.img", defaults.get("scratch-disk"));
        assertEquals("0.0.0.0", defaults.get("listen-address"));
        String main = MainGenerator.generate(plan, "TEST");
        assertTrue(main.contains("OciBoot.run(\"storage\", args, KEYS, boot -> {"), main);
    }

    private static List<String> layerDigests(Archive archive) {
        List<String> digests = new ArrayList<>();
        archive.manifest().get("layers").forEach(l -> digests.add(l.get("digest").asText()));
        return digests;
    }

    /** An OCI image layout archive read into memory: blobs by digest. */
    private record Archive(Map<String, byte[]> files) {

        static Archive read(Path tar) throws IOException {
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
            return new Archive(files);
        }

        JsonNode json(String name) {
            try {
                return JSON.readTree(files.get(name));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode blob(String digest) {
            return json("blobs/sha256/" + digest.substring("sha256:".length()));
        }

        JsonNode manifest() {
            return blob(json("index.json").get("manifests").get(0).get("digest").asText());
        }

        JsonNode config() {
            return blob(manifest().get("config").get("digest").asText());
        }

        /** Each layer's entries by name, in archive order. */
        List<Map<String, TarArchiveEntry>> layers() throws IOException {
            List<Map<String, TarArchiveEntry>> layers = new ArrayList<>();
            for (JsonNode layer : manifest().get("layers")) {
                byte[] blob = files.get("blobs/sha256/" + layer.get("digest").asText().substring("sha256:".length()));
                Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
                try (InputStream gzip = new GzipCompressorInputStream(new ByteArrayInputStream(blob));
                        TarArchiveInputStream in = new TarArchiveInputStream(gzip)) {
                    for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        entries.put(entry.getName(), entry);
                    }
                }
                layers.add(entries);
            }
            return layers;
        }
    }
}
