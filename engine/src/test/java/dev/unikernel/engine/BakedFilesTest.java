package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.oci.ImageSpec;
import dev.unikernel.engine.oci.LayerContents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <files>}: checked against the device graph at configure, baked at /files/DEVICE by vm and oci. */
class BakedFilesTest {

    @TempDir
    Path work;

    private Plan plan(String target, Map<String, Path> files) throws UnikernelException {
        return Planner.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), PlannerTest.catalogue(),
                Targets.find(target), "storage", KeyDefaults.none(), DeviceStacks.none(), files);
    }

    private Path site() throws Exception {
        Path site = work.resolve("site");
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
