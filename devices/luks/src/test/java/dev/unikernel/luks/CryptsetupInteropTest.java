package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with the real cryptsetup both ways. device-mapper is unavailable, so the data segment is
 * checked with an independent AES-XTS (python3-cryptography) and the volume key that
 * {@code cryptsetup luksDump --dump-volume-key} reveals.
 */
class CryptsetupInteropTest {

    private static final long IMAGE_BYTES = 20L * 1024 * 1024;
    private static final long DATA_OFFSET = 16L * 1024 * 1024;
    private static final String PASSPHRASE = "interop passphrase ✓";

    @TempDir
    Path directory;

    @BeforeAll
    static void requireTools() {
        RealTools.requireCryptsetup();
        RealTools.requirePythonCryptography();
    }

    @ParameterizedTest(name = "{0}, {1}-byte sectors")
    @CsvSource({"argon2id, 4096", "argon2id, 512", "pbkdf2, 4096", "pbkdf2, 512"})
    void cryptsetupReadsWhatWeFormatAndWrite(String kdf, int sectorSize) throws IOException {
        Path image = directory.resolve("ours.img");
        Path passphraseFile = passphraseFile("pw", PASSPHRASE);
        byte[] data = randomData(IMAGE_BYTES - DATA_OFFSET, sectorSize);
        LuksKdf chosen = kdf.equals("argon2id") ? LuksKdf.argon2id(4, 8 * 1024, 2) : LuksKdf.pbkdf2(1000);
        try (LuksDevice volume = Luks.format(FileBlockDevice.create(image, IMAGE_BYTES, 512), secretFrom(passphraseFile),
                LuksFormatOptions.defaults().withKdf(chosen).withSectorSize(sectorSize).withLabel("ours"))) {
            volume.write(0, ByteBuffer.wrap(data));
        }

        String dump = RealTools.cryptsetupOk("luksDump", image.toString());
        assertTrue(dump.contains("cipher: aes-xts-plain64"), dump);
        assertTrue(dump.contains("sector: " + sectorSize + " [bytes]"), dump);
        assertTrue(dump.contains("PBKDF:      " + kdf), dump);
        assertTrue(dump.contains("Label:         \tours"), dump);
        RealTools.cryptsetupOk("open", "--test-passphrase", "--key-file", passphraseFile.toString(), image.toString());
        RealTools.Result wrong = RealTools.cryptsetup("open", "--test-passphrase", "--key-file",
                passphraseFile("wrong", "not it").toString(), image.toString());
        assertNotEquals(0, wrong.exitCode(), "cryptsetup must refuse a wrong passphrase");

        Path volumeKey = dumpVolumeKey(image, passphraseFile);
        assertEquals(64, Files.size(volumeKey));
        Path plaintext = directory.resolve("plain.bin");
        RealTools.xtsReference(directory, "decrypt", image, volumeKey, DATA_OFFSET, sectorSize, plaintext);
        assertArrayEquals(data, Files.readAllBytes(plaintext), "python's AES-XTS decrypts what we wrote");
    }

    @ParameterizedTest(name = "{0}, {1}-byte sectors")
    @CsvSource({"argon2id, 4096", "argon2id, 512", "pbkdf2, 4096", "pbkdf2, 512"})
    void weOpenWhatCryptsetupFormats(String kdf, int sectorSize) throws IOException {
        Path image = emptyImage("theirs.img");
        Path passphraseFile = passphraseFile("pw", PASSPHRASE);
        cryptsetupFormat(image, passphraseFile, kdf, sectorSize);
        Path volumeKey = dumpVolumeKey(image, passphraseFile);
        byte[] data = randomData(IMAGE_BYTES - DATA_OFFSET, sectorSize + 1);
        Path plaintext = directory.resolve("plain.bin");
        Files.write(plaintext, data);
        RealTools.xtsReference(directory, "encrypt", image, volumeKey, DATA_OFFSET, sectorSize, plaintext);

        try (LuksDevice volume = Luks.open(FileBlockDevice.open(image, true), secretFrom(passphraseFile))) {
            assertEquals(sectorSize, volume.sectorSize());
            assertEquals(data.length / sectorSize, volume.sectorCount());
            byte[] back = new byte[data.length];
            volume.read(0, ByteBuffer.wrap(back));
            assertArrayEquals(data, back, "we decrypt what python's AES-XTS encrypted with cryptsetup's volume key");
            // Single sectors away from the start check each sector's own tweak, not just the run's.
            for (long sector : new long[] {1, 7, volume.sectorCount() / 2, volume.sectorCount() - 1}) {
                byte[] one = new byte[sectorSize];
                volume.read(sector, ByteBuffer.wrap(one));
                int from = Math.toIntExact(sector * sectorSize);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, from, from + sectorSize), one, "sector " + sector);
            }
        }
        try (FileBlockDevice raw = FileBlockDevice.open(image, true)) {
            assertThrows(WrongPassphraseException.class, () -> Luks.open(raw, secretFrom(passphraseFile("wrong", "not it"))));
        }
    }

    @Test
    void keyslotsWeAddToACryptsetupImageWorkInCryptsetup() throws IOException {
        Path image = emptyImage("theirs.img");
        Path first = passphraseFile("first", PASSPHRASE);
        Path second = passphraseFile("second", "second passphrase");
        Path third = passphraseFile("third", "third passphrase");
        cryptsetupFormat(image, first, "pbkdf2", 4096);
        try (LuksDevice volume = Luks.open(FileBlockDevice.open(image, false), secretFrom(first))) {
            assertEquals(1, volume.addKeyslot(secretFrom(second), LuksKdf.argon2id(4, 8 * 1024, 1)));
        }
        RealTools.cryptsetupOk("open", "--test-passphrase", "--key-slot", "1", "--key-file", second.toString(), image.toString());

        // Change the second passphrase, then remove the first keyslot: cryptsetup must follow.
        try (LuksDevice volume = Luks.open(FileBlockDevice.open(image, false), secretFrom(second))) {
            assertEquals(1, volume.changePassphrase(secretFrom(second), secretFrom(third), LuksKdf.pbkdf2(1000)));
            volume.removeKeyslot(0, false);
        }
        RealTools.cryptsetupOk("open", "--test-passphrase", "--key-slot", "1", "--key-file", third.toString(), image.toString());
        assertNotEquals(0, RealTools.cryptsetup("open", "--test-passphrase", "--key-file", second.toString(), image.toString()).exitCode());
        assertNotEquals(0, RealTools.cryptsetup("open", "--test-passphrase", "--key-file", first.toString(), image.toString()).exitCode());
        String dump = RealTools.cryptsetupOk("luksDump", image.toString());
        assertTrue(!dump.contains("  0: luks2") && dump.contains("  1: luks2"), dump);
    }

    @Test
    void keyslotsCryptsetupAddsToOurImageWorkForUs() throws IOException {
        Path image = directory.resolve("ours.img");
        Path first = passphraseFile("first", PASSPHRASE);
        Path second = passphraseFile("second", "added by cryptsetup");
        Luks.format(FileBlockDevice.create(image, IMAGE_BYTES, 512), secretFrom(first),
                LuksFormatOptions.defaults().withKdf(LuksKdf.pbkdf2(1000))).close();
        RealTools.cryptsetupOk("luksAddKey", "--batch-mode", "--key-file", first.toString(), "--pbkdf", "argon2id",
                "--pbkdf-memory", "8192", "--pbkdf-force-iterations", "4", image.toString(), second.toString());
        try (LuksDevice volume = Luks.open(FileBlockDevice.open(image, true), secretFrom(second))) {
            assertEquals(1, volume.openedKeyslot());
        }
    }

    @Test
    void refusesCryptsetupImagesWeDoNotSupport() throws IOException {
        Path passphraseFile = passphraseFile("pw", PASSPHRASE);

        Path cbc = emptyImage("cbc.img");
        RealTools.cryptsetupOk("luksFormat", "--type", "luks2", "--batch-mode", "--key-file", passphraseFile.toString(),
                "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--cipher", "aes-cbc-essiv:sha256", "--key-size", "256",
                cbc.toString());
        assertRefused(cbc, passphraseFile, "aes-cbc-essiv:sha256\", which is not supported");

        Path reencrypting = emptyImage("reencrypt.img");
        cryptsetupFormat(reencrypting, passphraseFile, "pbkdf2", 4096);
        RealTools.cryptsetupOk("reencrypt", "--init-only", "--batch-mode", "--key-file", passphraseFile.toString(),
                "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", reencrypting.toString());
        assertRefused(reencrypting, passphraseFile, "reencryption");

        Path luks1 = emptyImage("luks1.img");
        RealTools.cryptsetupOk("luksFormat", "--type", "luks1", "--batch-mode", "--key-file", passphraseFile.toString(),
                "--pbkdf-force-iterations", "1000", luks1.toString());
        try (FileBlockDevice raw = FileBlockDevice.open(luks1, true)) {
            assertTrue(Luks.isLuks(raw));
        }
        assertRefused(luks1, passphraseFile, "LUKS1");
    }

    /**
     * Checks the oracle itself: python's AES-XTS with tweak = byte offset / 512 is what cryptsetup's
     * own data path decrypts for 4096-byte sectors (offline reencryption of a detached-header
     * device runs dm-crypt's IV rules in user space), and the 4096-unit tweak is not.
     */
    @ParameterizedTest(name = "tweak counts {0}-byte units")
    @CsvSource({"512, true", "4096, false"})
    void pythonReferenceMatchesCryptsetupsOwnDecryption(int tweakUnit, boolean expectMatch) throws IOException {
        Path header = directory.resolve("header.img");
        Path data = directory.resolve("data.img");
        Files.write(data, new byte[1024 * 1024]);
        Path passphraseFile = passphraseFile("pw", PASSPHRASE);
        RealTools.cryptsetupOk("luksFormat", "--type", "luks2", "--batch-mode", "--key-file", passphraseFile.toString(),
                "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--sector-size", "4096", "--header", header.toString(),
                data.toString());
        Path volumeKey = dumpVolumeKey(header, passphraseFile);
        byte[] plain = randomData(1024 * 1024, 7);
        // Encrypt as python would with the chosen tweak unit: sector s gets tweak s * 4096 / tweakUnit.
        Path script = directory.resolve("encrypt_units.py");
        Files.writeString(script, """
                import sys
                from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
                key = open(sys.argv[2], 'rb').read(); unit = int(sys.argv[3]); plain = open(sys.argv[4], 'rb').read()
                with open(sys.argv[1], 'r+b') as f:
                    for s in range(len(plain) // 4096):
                        e = Cipher(algorithms.AES(key), modes.XTS((s * 4096 // unit).to_bytes(16, 'little'))).encryptor()
                        f.seek(s * 4096); f.write(e.update(plain[s * 4096:(s + 1) * 4096]) + e.finalize())
                """);
        Path plainFile = directory.resolve("plain.bin");
        Files.write(plainFile, plain);
        RealTools.Result encrypted = RealTools.run(java.util.List.of(RealTools.PYTHON, script.toString(), data.toString(),
                volumeKey.toString(), Integer.toString(tweakUnit), plainFile.toString()));
        assertEquals(0, encrypted.exitCode(), encrypted.output());
        RealTools.cryptsetupOk("reencrypt", "--decrypt", "--force-offline-reencrypt", "--batch-mode", "--key-file",
                passphraseFile.toString(), "--header", header.toString(), data.toString());
        byte[] decrypted = Files.readAllBytes(data);
        assertEquals(expectMatch, java.util.Arrays.equals(plain, decrypted));
    }

    private void assertRefused(Path image, Path passphraseFile, String expected) throws IOException {
        LuksException e;
        try (FileBlockDevice raw = FileBlockDevice.open(image, true)) { // closed, so the image can be opened again
            e = assertThrows(LuksException.class, () -> Luks.open(raw, secretFrom(passphraseFile)));
        }
        assertTrue(!(e instanceof WrongPassphraseException) && e.getMessage().contains(expected), e.getMessage());
    }

    private void cryptsetupFormat(Path image, Path passphraseFile, String kdf, int sectorSize) throws IOException {
        if (kdf.equals("argon2id")) {
            RealTools.cryptsetupOk("luksFormat", "--type", "luks2", "--batch-mode", "--key-file", passphraseFile.toString(),
                    "--pbkdf", "argon2id", "--pbkdf-memory", "8192", "--pbkdf-force-iterations", "4", "--pbkdf-parallel", "2",
                    "--sector-size", Integer.toString(sectorSize), image.toString());
        } else {
            RealTools.cryptsetupOk("luksFormat", "--type", "luks2", "--batch-mode", "--key-file", passphraseFile.toString(),
                    "--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000", "--sector-size", Integer.toString(sectorSize),
                    image.toString());
        }
    }

    private Path dumpVolumeKey(Path image, Path passphraseFile) throws IOException {
        Path volumeKey = Files.createTempFile(directory, "volume", ".key");
        Files.delete(volumeKey);
        RealTools.cryptsetupOk("luksDump", "--dump-volume-key", "--volume-key-file", volumeKey.toString(), "--batch-mode",
                "--key-file", passphraseFile.toString(), image.toString());
        return volumeKey;
    }

    private Path emptyImage(String name) throws IOException {
        Path image = directory.resolve(name);
        FileBlockDevice.create(image, IMAGE_BYTES, 512).close();
        return image;
    }

    private Path passphraseFile(String name, String passphrase) throws IOException {
        // Key files are used byte for byte: no trailing newline, as Secret.of would drop it.
        return Files.write(directory.resolve(name), passphrase.getBytes(StandardCharsets.UTF_8));
    }

    private static Secret secretFrom(Path file) throws IOException {
        return Secret.of(Files.readAllBytes(file), "file " + file);
    }

    private static byte[] randomData(long length, long seed) {
        byte[] data = new byte[Math.toIntExact(length)];
        new Random(seed).nextBytes(data);
        return data;
    }
}
