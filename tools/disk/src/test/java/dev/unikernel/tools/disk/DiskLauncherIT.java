package dev.unikernel.tools.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher the unix target builds, {@code target/unikernel/unix/bin/disk}, run as a user would
 * (after the package phase): its words reach the tool, mtools reads what it wrote, and its exit
 * status on failure is the shaded jar's.
 */
class DiskLauncherIT {

    private static final Path LAUNCHER = Path.of("target/unikernel/unix/bin/disk");
    private static final Path JAR = Path.of("target/disk.jar");

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MTOOLS_SKIP_CHECK", "1");
        Path out = Files.createTempFile("disk-out", ".txt");
        Path err = Files.createTempFile("disk-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static Result launcher(String... words) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is missing: the package phase builds it");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(words));
        return run(command);
    }

    private static Result jar(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(words));
        return run(command);
    }

    private static String mtools(String... command) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin", command[0]))) {
            return fail(command[0] + " is not installed: this test needs the Debian package mtools");
        }
        Result result = run(List.of(command));
        assertEquals(0, result.status(), String.join(" ", command) + ": " + result.err());
        return result.out();
    }

    private static Result ok(Result result) {
        assertEquals(0, result.status(), result.err());
        return result;
    }

    @Test
    void mkfsPutAndLsThroughTheLauncherAgreeWithMtools() throws Exception {
        Path image = tmp.resolve("launcher.img");
        Path readme = tmp.resolve("A long name, for mdir.txt");
        Files.writeString(readme, "written through bin/disk");
        ok(launcher("mkfs", image.toString(), "--size", "32M", "--label", "LAUNCHER"));
        ok(launcher("put", image.toString(), readme.toString(), "/"));
        ok(launcher("mkdir", image.toString(), "/docs"));

        String ls = ok(launcher("ls", image.toString())).out();
        assertTrue(ls.contains("A long name, for mdir.txt") && ls.contains("docs"), ls);
        String mdir = mtools("mdir", "-i", image.toString(), "::/");
        assertTrue(mdir.contains("LAUNCHER"), mdir);
        for (String name : List.of("A long name, for mdir.txt", "docs")) {
            assertTrue(mdir.contains(name), name + " is not in mdir's listing:\n" + mdir);
        }
        assertEquals("written through bin/disk", mtools("mtype", "-i", image.toString(), "::/A long name, for mdir.txt"));
    }

    @Test
    void helpReachesTheToolAndNoKeyIsReadFromTheWords() throws Exception {
        Result help = ok(launcher("--help"));
        assertTrue(help.out().contains("mkfs") && help.out().contains("luks-format"), help.out());
        assertFalse(help.out().contains("runtime keys"), "the boot must not answer --help: " + help.out());
        Result word = launcher("--name=value");
        assertEquals(1, word.status(), "a usage error, as cryptsetup's");
        assertTrue(word.err().contains("Unknown option: '--name=value'"), "a --key=value word is the tool's: " + word.err());
    }

    @Test
    void failuresExitAsTheJarDoes() throws Exception {
        Path absent = tmp.resolve("absent.img");
        Result missing = launcher("ls", absent.toString());
        assertEquals(4, missing.status(), "cryptsetup's wrong device: " + missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(jar("ls", absent.toString()).status(), missing.status());

        Result unknown = launcher("frobnicate");
        assertEquals(1, unknown.status(), unknown.err());
        assertEquals(jar("frobnicate").status(), unknown.status());
        assertEquals(1, launcher().status(), "no words is a usage error, as with the jar");
        assertEquals(1, jar().status());
    }
}
