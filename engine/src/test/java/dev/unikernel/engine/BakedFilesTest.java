package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.oci.ImageSpec;
import dev.unikernel.engine.oci.LayerContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <files>}: checked against the device graph at configure; baked at /files/DEVICE by vm and oci
 * for a provider that reads the image, into a jar of the program for one that reads the class path.
 */
class BakedFilesTest {

    @TempDir
    Path work;

    private static final String BLOCK = "dev.unikernel.api.BlockDevice";
    /** A BlockDevice that reads baked files from the image, as the directory provider does its store. */
    private static final ProviderSpec FROM_IMAGE = new ProviderSpec("imaged", "test", BLOCK, Set.of(BLOCK), List.of(),
            false, List.of(), BakedFiles.IMAGE, "test.Imaged", "imaged", List.of(), false, "test");
    /** One that reads them from the class path, as the embedded provider does. */
    private static final ProviderSpec FROM_CLASS_PATH = new ProviderSpec("crunched", "test", BLOCK, Set.of(BLOCK),
            List.of(), false, List.of(), BakedFiles.CLASS_PATH, "test.Crunched", "crunched", List.of(), false, "test");

    /** Storage with its device 'data' from {@code provider} (file, imaged, crunched). */
    private Plan plan(String target, Map<String, Path> files, String provider) throws UnikernelException {
        List<ProviderSpec> providers = new ArrayList<>(PlannerTest.catalogue().providers());
        providers.addAll(List.of(FROM_IMAGE, FROM_CLASS_PATH));
        return Planner.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), new Catalogue(providers),
                Targets.find(target), "storage", KeyDefaults.none(),
                DeviceStacks.parse(List.of("data=" + provider), null, Targets.names()), files);
    }

    private Plan plan(String target, Map<String, Path> files) throws UnikernelException {
        return plan(target, files, "imaged");
    }

    private Path site() throws Exception {
        Path site = work.resolve("site");
        if (Files.exists(site)) {
            return site;
        }
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
        Files.writeString(site.resolve("css/site.css"), "h1{}");
        Files.createSymbolicLink(site.resolve("linked.html"), site.resolve("index.html"));
        return site;
    }

    @Test
    void aNameThatIsNoDeviceAndAMissingDirectoryAreRefusedAtConfigure() throws Exception {
        ApplicationException unknown = assertThrows(ApplicationException.class,
                () -> plan("vm", Map.of("dta", site())));
        assertTrue(unknown.getMessage().contains("<files> names device 'dta', but the device graph has no device of that"
                + " name; its devices: data, scratch-disk, network, clock"), unknown.getMessage());
        ApplicationException readsNone = assertThrows(ApplicationException.class,
                () -> plan("vm", Map.of("data", site()), "virtio"));
        assertTrue(readsNone.getMessage().contains("<files> bakes a directory for device 'data', but its provider on"
                + " target vm, virtio, reads no baked files"), readsNone.getMessage());
        ApplicationException needsSome = assertThrows(ApplicationException.class, () -> plan("unix", Map.of(), "crunched"));
        assertTrue(needsSome.getMessage().contains("device 'data' (crunched) on target unix reads files baked into the"
                + " program, but <files> names none for it: add <files><data>DIRECTORY</data></files>"), needsSome.getMessage());
        ApplicationException missing = assertThrows(ApplicationException.class,
                () -> plan("vm", Map.of("data", work.resolve("nowhere"))));
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
    }

    @Test
    void listsEveryDirectoryAndFileSortedUnderFilesDevice() throws Exception {
        List<BakedFiles.Entry> entries = BakedFiles.of(plan("vm", Map.of("data", site())));
        assertEquals(List.of("/files/data", "/files/data/css", "/files/data/css/site.css", "/files/data/index.html",
                "/files/data/linked.html"), entries.stream().map(BakedFiles.Entry::imagePath).toList());
        assertEquals(11 + 4 + 11, BakedFiles.size(entries));
    }

    @Test
    void aLinkToADirectoryIsRefused() throws Exception {
        Path site = site();
        Files.createSymbolicLink(site.resolve("elsewhere"), work);
        UnikernelException e = assertThrows(UnikernelException.class, () -> BakedFiles.of(plan("vm", Map.of("data", site))));
        assertTrue(e.getMessage().contains("is a symbolic link to a directory"), e.getMessage());
    }

    @Test
    void classPathFilesGoIntoAJarWithAnIndexOfSizesAndDigestsAndNotIntoTheImage() throws Exception {
        Plan plan = plan("vm", Map.of("data", site()), "crunched");
        assertEquals(List.of(), BakedFiles.of(plan));
        Path jar = ClassPathFiles.pack(plan, work.resolve("jars"), work.resolve("staging"), new RecordingLog());
        try (java.util.jar.JarFile files = new java.util.jar.JarFile(jar.toFile())) {
            assertEquals(List.of("META-INF/MANIFEST.MF", "unikernel/files/data.index", "unikernel/files/data/css/site.css",
                    "unikernel/files/data/index.html", "unikernel/files/data/linked.html"),
                    files.stream().map(java.util.jar.JarEntry::getName).toList());
            String index = new String(files.getInputStream(files.getEntry("unikernel/files/data.index")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("<h1>hi</h1>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals("unikernel-files 1 1767225600\n4 " + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest("h1{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    + " css/site.css\n11 " + sha + " index.html\n11 " + sha + " linked.html\n", index);
        }
        // A plan without such a device leaves no jar behind.
        assertEquals(null, ClassPathFiles.pack(plan("vm", Map.of()), work.resolve("jars"), work.resolve("staging"),
                new RecordingLog()));
        assertTrue(!Files.exists(jar));
    }

    @Test
    void theOciImageHoldsThemInALayerOfTheirOwnReadableByItsUser() throws Exception {
        Plan plan = plan("oci", Map.of("data", site()));
        // On a base image with Java: no jlink, so the spec needs no real jars.
        OciOptions onBase = new OciOptions("127.0.0.1:5000/java", null, false, null, List.of(), Map.of(), Map.of(), null,
                null, null, java.time.Instant.EPOCH);
        BuildOptions options = new BuildOptions(false, List.of(), List.of(), VmOptions.defaults(), onBase);
        ImageSpec spec = OciPackager.spec(plan, new LinkedProgram("storage", List.of()), options, work.resolve("out"),
                new RecordingLog());
        LayerContents files = spec.layers().stream().filter(l -> l.name().equals("files")).findFirst().orElseThrow();
        assertEquals(List.of("/files/data 755", "/files/data/css 755", "/files/data/css/site.css 644",
                "/files/data/index.html 644", "/files/data/linked.html 644"), files.entries().stream()
                        .map(e -> e.imagePath() + " " + Integer.toOctalString(e.mode())).toList());
    }
}
