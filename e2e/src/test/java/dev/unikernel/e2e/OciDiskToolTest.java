package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/disk built for the oci target and run with its run-disk.sh (runc as root): the container's
 * arguments are the tool's words (its Arguments device), so --help is the tool's and its exit status
 * is the container's. Needs root and the Debian packages skopeo, umoci, runc and mtools.
 */
class OciDiskToolTest {

    private static final Path DISK = Command.ROOT.resolve("tools/disk");
    private static final Path RUN = DISK.resolve("target/unikernel/oci/run-disk.sh");

    @TempDir
    Path data;

    @BeforeAll
    static void build() throws Exception {
        assertEquals("0", Command.of(Command.ROOT, "id", "-u").runOk(Duration.ofSeconds(10)).trim(),
                "run-disk.sh runs the image with runc as root here: run the oci tests as root");
        Command.maven(DISK, "-q", "unikernel:build", "-Dtarget=oci").runOk(Duration.ofMinutes(5));
    }

    private Command.Result disk(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(RUN.toString()));
        command.addAll(List.of(words));
        return Command.of(data, command.toArray(String[]::new)).withEnvironment(Map.of("OCI_DATA", data.toString()))
                .run(Duration.ofMinutes(2));
    }

    @Test
    void theContainersArgumentsAreTheToolsWords() throws Exception {
        Command.Result help = disk("--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("luks-format"), help.output());
        assertFalse(help.output().contains("runtime keys"), "the boot must not answer --help: " + help.output());

        Command.Result mkfs = disk("mkfs", "/data/oci.img", "--size", "32M", "--label", "OCITOOL");
        assertEquals(0, mkfs.exitCode(), mkfs.output());
        String mdir = Command.of(data, "mdir", "-i", data.resolve("oci.img").toString(), "::/")
                .withEnvironment(Map.of("MTOOLS_SKIP_CHECK", "1")).runOk(Duration.ofSeconds(30));
        assertTrue(mdir.contains("OCITOOL"), mdir);

        Command.Result missing = disk("ls", "/data/absent.img");
        assertEquals(4, missing.exitCode(), "cryptsetup's wrong device: " + missing.output());
        assertTrue(missing.output().contains("does not exist"), missing.output());
        assertEquals(1, disk("frobnicate").exitCode(), "a usage error, as cryptsetup's");
    }
}
