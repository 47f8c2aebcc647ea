package dev.unikernel.tools.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.unikernel.tools.disk.DiskToolRun.disk;
import static dev.unikernel.tools.disk.DiskToolRun.ok;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The luks-* commands and {@code --luks} on the FAT commands, checked with the real cryptsetup
 * (Debian package cryptsetup-bin) where it matters: that it opens what the tool makes.
 */
class LuksCommandsTest {

    @TempDir
    Path tmp;

    private static int cryptsetup(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "cryptsetup";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cryptsetup is missing: install the Debian package cryptsetup-bin");
            throw e;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private Path passphrase(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void mkfsLuksMakesAnEncryptedFatImageThatCryptsetupOpens() throws Exception {
        Path image = tmp.resolve("disk.img");
        Path pw = passphrase("pw", "tool passphrase");
        ok("mkfs", image.toString(), "--size", "48M", "--luks", "--key-file", pw.toString(), "--pbkdf", "pbkdf2",
                "--iter-time", "50", "--sector-size", "4096");
        byte[] content = new byte[300_000];
        new Random(1).nextBytes(content);
        Path local = Files.write(tmp.resolve("local.bin"), content);
        ok("put", image.toString(), local.toString(), "/data.bin", "--luks", "--key-file", pw.toString());
        assertTrue(ok("ls", image.toString(), "--luks", "--key-file", pw.toString()).out().contains("data.bin"));
        Path back = tmp.resolve("back.bin");
        ok("get", image.toString(), "/data.bin", back.toString(), "--luks", "--key-file", pw.toString());
        assertArrayEquals(content, Files.readAllBytes(back));
        assertEquals(0, ok("check", image.toString(), "--luks", "--key-file", pw.toString()).status());

        assertEquals(0, cryptsetup("open", "--test-passphrase", "--key-file", pw.toString(), image.toString()));
        byte[] raw = Files.readAllBytes(image);
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("FAT16"), "no FAT signature in the clear");

        DiskToolRun wrong = disk("ls", image.toString(), "--luks", "--key-file", passphrase("bad", "nope").toString());
        assertEquals(2, wrong.status(), "a wrong passphrase exits 2, as in cryptsetup");
        assertTrue(wrong.err().contains("wrong passphrase") && !wrong.err().contains("nope"), wrong.err());
        assertEquals(1, disk("ls", image.toString(), "--luks").status(), "--luks without a key file (and no terminal) is a usage error");
    }

    @Test
    void keyslotCommandsWorkAndCryptsetupAgrees() throws Exception {
        Path image = tmp.resolve("vault.img");
        Path first = passphrase("first", "first passphrase");
        Path second = passphrase("second", "second passphrase");
        Path third = passphrase("third", "third passphrase");
        String out = ok("luks-format", image.toString(), "--size", "20M", "--key-file", first.toString(),
                "--pbkdf", "argon2id", "--iter-time", "100", "--label", "vault").out();
        assertTrue(out.contains("LUKS2") && out.contains("4096-byte sectors"), out);
        assertTrue(ok("luks-dump", image.toString()).out().contains("Label:         \tvault"));

        assertTrue(ok("luks-add-key", image.toString(), "--passphrase-file", first.toString(), "--new-passphrase-file",
                second.toString(), "--pbkdf", "pbkdf2", "--iter-time", "50").out().contains("added keyslot 1"));
        assertEquals(0, cryptsetup("open", "--test-passphrase", "--key-slot", "1", "--key-file", second.toString(), image.toString()));
        assertTrue(ok("luks-test", image.toString(), "--key-file", second.toString()).out().contains("keyslot 1"));

        assertTrue(ok("luks-change-key", image.toString(), "--key-file", second.toString(), "--new-keyfile",
                third.toString(), "--pbkdf", "pbkdf2", "--iter-time", "50").out().contains("keyslot 1"));
        assertEquals(2, disk("luks-test", image.toString(), "--key-file", second.toString()).status());

        ok("luks-remove-key", image.toString(), "--key-file", first.toString());
        assertEquals(2, disk("luks-test", image.toString(), "--key-file", first.toString()).status());
        DiskToolRun last = disk("luks-remove-key", image.toString(), "--key-file", third.toString());
        assertEquals(7, last.status());
        assertTrue(last.err().contains("force"), last.err());
        assertEquals(0, cryptsetup("open", "--test-passphrase", "--key-file", third.toString(), image.toString()));
        ok("luks-remove-key", image.toString(), "--key-file", third.toString(), "--force");
        // No keyslot left: the tool calls that the wrong device (4); cryptsetup says "No usable keyslot" and exits 1.
        DiskToolRun none = disk("luks-test", image.toString(), "--key-file", third.toString());
        assertEquals(4, none.status());
        assertTrue(none.err().contains("no usable keyslot"), none.err());
    }
}
