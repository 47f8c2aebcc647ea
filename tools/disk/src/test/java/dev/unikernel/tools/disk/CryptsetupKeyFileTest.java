package dev.unikernel.tools.disk;

import static dev.unikernel.tools.disk.DiskToolRun.disk;
import static dev.unikernel.tools.disk.DiskToolRun.ok;
import static dev.unikernel.tools.disk.DiskToolRun.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Key files read byte for byte as the real cryptsetup (Debian package cryptsetup-bin) reads them: a
 * trailing newline is part of the passphrase in both, and a wrong passphrase exits 2 in both.
 */
class CryptsetupKeyFileTest {

    @TempDir
    Path tmp;

    private static int cryptsetup(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("cryptsetup"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("cryptsetup is missing: install the Debian package cryptsetup-bin");
        }
        process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return fail("cryptsetup " + String.join(" ", args) + " did not finish in 120 s");
        }
        return process.exitValue();
    }

    @Test
    void aNewlineEndingKeyFileMeansTheSameToBoth() throws Exception {
        Path withNewline = Files.writeString(tmp.resolve("with-newline"), "shared passphrase\n");
        Path without = Files.writeString(tmp.resolve("without"), "shared passphrase");
        Path image = tmp.resolve("cryptsetup.img");
        Files.write(image, new byte[20 << 20]);
        assertEquals(0, cryptsetup("luksFormat", "--type", "luks2", "--batch-mode", "--pbkdf", "pbkdf2",
                "--pbkdf-force-iterations", "1000", "--key-file", withNewline.toString(), image.toString()));

        DiskToolRun opens = ok("luks-test", image.toString(), "--key-file", withNewline.toString());
        assertTrue(opens.out().contains("opens keyslot 0"), opens.out());
        assertTrue(opens.err().contains("ends with a newline") && opens.err().contains("cryptsetup --key-file keeps it too"),
                opens.err());
        DiskToolRun fromStdin = withInput("shared passphrase\n".getBytes(StandardCharsets.UTF_8),
                "luks-test", image.toString(), "-d", "-");
        assertEquals(0, fromStdin.status(), fromStdin.err());

        assertEquals(2, cryptsetup("open", "--test-passphrase", "--key-file", without.toString(), image.toString()));
        DiskToolRun refused = disk("luks-test", image.toString(), "--key-file", without.toString());
        assertEquals(2, refused.status(), refused.err());
        assertTrue(refused.err().contains("wrong passphrase") && !refused.err().contains("shared"), refused.err());
        assertEquals("", refused.out());
    }

    @Test
    void anImageTheToolFormatsOpensInCryptsetupWithTheSameFile() throws Exception {
        Path withNewline = Files.writeString(tmp.resolve("with-newline"), "tool passphrase\n");
        Path without = Files.writeString(tmp.resolve("without"), "tool passphrase");
        Path image = tmp.resolve("tool.img");
        DiskToolRun made = ok("mkfs", image.toString(), "--size", "24M", "--luks", "-d", withNewline.toString(),
                "--pbkdf", "pbkdf2", "--iter-time", "50");
        assertTrue(made.err().contains("ends with a newline"), made.err());
        assertEquals(0, cryptsetup("open", "--test-passphrase", "--key-file", withNewline.toString(), image.toString()));
        assertEquals(2, cryptsetup("open", "--test-passphrase", "--key-file", without.toString(), image.toString()));
        assertEquals(2, disk("ls", image.toString(), "--luks", "-d", without.toString()).status());

        byte[] data = "through cryptsetup's passphrase\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, withInput(data, "put", image.toString(), "-", "/note.txt", "--luks", "-d", withNewline.toString()).status());
        assertArrayEquals(data, ok("cat", image.toString(), "/note.txt", "--luks", "-d", withNewline.toString()).stdout());
        String info = ok("info", image.toString(), "--luks", "-d", withNewline.toString()).out();
        assertTrue(info.contains("LUKS:        version 2") && info.contains("aes-xts-plain64")
                && info.contains("keyslots:    0 (opened: 0)") && info.contains("file system: FAT16"), info);
        assertTrue(!info.contains("tool passphrase"), info);
    }
}
