package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.BlankDevice;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.api.Secret;
import dev.unikernel.runtime.unix.SystemEntropy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code luks} provider. Its key derivation takes seconds, so one blank device is formatted
 * through it once, and each test works on a copy of the result.
 */
class LuksDevicesTest {

    private static final long IMAGE_BYTES = 20L * 1024 * 1024;
    private static final int MIB = 1 << 20;
    private static final String PASSPHRASE = "provider passphrase";
    /** Written past the first MiB of the decrypted device after formatting. */
    private static final byte[] DATA = new byte[64 * 1024];

    /** The raw device as the provider left it: formatted, then {@link #DATA} written and flushed. */
    private static MemoryBlockDevice formatted;
    private static boolean decryptedWindowWasBlank;

    @TempDir
    Path directory;

    @BeforeAll
    static void formatOnce() throws IOException {
        new Random(7).nextBytes(DATA);
        MemoryBlockDevice raw = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        BlockDevice decrypted = LuksDevices.luks(raw, secret(PASSPHRASE), new SystemEntropy());
        decryptedWindowWasBlank = BlankDevice.isBlank(decrypted) && decrypted.isNew();
        decrypted.write(MIB / decrypted.sectorSize(), ByteBuffer.wrap(DATA));
        decrypted.flush();
        // A copy first: closing the LUKS layer closes the raw device too.
        formatted = raw.copy();
        decrypted.close();
    }

    @Test
    void blankDeviceBecomesLuks2WhoseDecryptedStartIsBlank() throws IOException {
        assertTrue(Luks.isLuks(formatted));
        assertTrue(decryptedWindowWasBlank, "the layer above sees a blank device and formats it");
        String dump = Luks.dump(formatted);
        assertTrue(dump.contains("argon2id"), dump);
    }

    @Test
    void reopensWithThePassphraseToTheSameContent() throws IOException {
        try (BlockDevice decrypted = LuksDevices.luks(formatted.copy(), secret(PASSPHRASE), new SystemEntropy())) {
            assertTrue(BlankDevice.isBlank(decrypted), "opening writes nothing");
            byte[] back = new byte[DATA.length];
            decrypted.read(MIB / decrypted.sectorSize(), ByteBuffer.wrap(back));
            assertArrayEquals(DATA, back);
        }
    }

    @Test
    void wrongPassphraseFailsWithoutNamingIt() {
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
                () -> LuksDevices.luks(formatted.copy(), secret("not the passphrase"), new SystemEntropy()));
        assertFalse(e.getMessage().contains("not the passphrase"), e.getMessage());
    }

    @Test
    void nonBlankDeviceThatIsNotLuksIsRefusedAndLeftUnchanged() throws IOException {
        // One byte at the end of the first MiB is enough to make a device not blank.
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        ByteBuffer sector = ByteBuffer.allocate(512);
        sector.put(511, (byte) 1);
        device.write(MIB / 512 - 1, sector);
        byte[] before = contents(device);

        IOException e = assertThrows(IOException.class,
                () -> LuksDevices.luks(device, secret(PASSPHRASE), new SystemEntropy()));
        assertEquals("block device " + device + " is not a LUKS2 volume and not blank, so it is not formatted", e.getMessage());
        assertArrayEquals(before, contents(device));
    }

    @Test
    void blankReadOnlyDeviceIsRefused() {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512).readOnlySnapshot();
        IOException e = assertThrows(IOException.class,
                () -> LuksDevices.luks(device, secret(PASSPHRASE), new SystemEntropy()));
        assertEquals("block device " + device + " is blank but read-only, so it is not formatted as LUKS2", e.getMessage());
    }

    @Test
    void aBlankDeviceThatExistedBeforeThisStartIsRefusedAndLeftUnchanged() throws IOException {
        // A LUKS2 image whose first MiB was zeroed: its header backup restores it, unless it is formatted anew.
        MemoryBlockDevice memory = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        ByteBuffer sector = ByteBuffer.allocate(512);
        sector.put(0, (byte) 1);
        memory.write(MIB / 512, sector);
        byte[] before = contents(memory);
        ExistingDevice device = new ExistingDevice(memory);

        IOException e = assertThrows(IOException.class, () -> LuksDevices.luks(device, secret(PASSPHRASE), new SystemEntropy()));
        assertEquals("block device " + device + " reads as zeros over its first MiB but existed before this start,"
                + " so it is not formatted as LUKS2: if it held a volume whose header was lost, restore the header backup"
                + " (cryptsetup luksHeaderRestore); to format it, start once with format-blank (--format-blank)",
                e.getMessage());
        assertArrayEquals(before, contents(memory));
    }

    @Test
    void anOpenedVolumeIsNewOnlyWhenItsDeviceIs() throws IOException {
        try (BlockDevice decrypted = LuksDevices.luks(new ExistingDevice(formatted.copy()), secret(PASSPHRASE),
                new SystemEntropy())) {
            assertFalse(decrypted.isNew(), "an existing volume's blank start is not formatted by the layer above");
        }
        try (BlockDevice decrypted = LuksDevices.luks(formatted.copy(), secret(PASSPHRASE), new SystemEntropy())) {
            assertTrue(decrypted.isNew(), "a RAM disk is new");
        }
    }

    @Test
    void blanknessIsTheFirstMiBOnly() throws IOException {
        MemoryBlockDevice device = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        ByteBuffer sector = ByteBuffer.allocate(512);
        sector.put(0, (byte) 1);
        device.write(MIB / 512, sector);
        assertTrue(BlankDevice.isBlank(device));
        assertTrue(BlankDevice.isBlank(MemoryBlockDevice.ofSize(4096, 512)), "a device smaller than the window");
    }

    @Test
    void cryptsetupAcceptsAProviderFormattedImage() throws IOException {
        RealTools.requireCryptsetup();
        Path image = directory.resolve("provider.img");
        Files.write(image, contents(formatted));
        Path passphraseFile = directory.resolve("passphrase");
        Files.write(passphraseFile, PASSPHRASE.getBytes(StandardCharsets.UTF_8));

        String dump = RealTools.cryptsetupOk("luksDump", image.toString());
        assertTrue(dump.contains("cipher: aes-xts-plain64"), dump);
        assertTrue(dump.contains("PBKDF:      argon2id"), dump);
        Matcher memory = Pattern.compile("Memory:\\s+(\\d+)").matcher(dump);
        assertTrue(memory.find(), dump);
        assertTrue(Integer.parseInt(memory.group(1)) <= 32 * 1024, "the keyslot unlocks in a small VM: " + dump);
        RealTools.cryptsetupOk("open", "--test-passphrase", "--key-file", passphraseFile.toString(), image.toString());
    }

    private static Secret secret(String text) {
        return Secret.of(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    private static byte[] contents(MemoryBlockDevice device) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(device.sizeInBytes()));
        device.read(0, all);
        return all.array();
    }
}
