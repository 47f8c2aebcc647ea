package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.api.Secret;
import dev.unikernel.runtime.unix.SystemEntropy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an unlock leaves on the heap: the passphrase read by the {@code luks} provider is wiped once
 * the volume is open, and every key array derived on the way (keyslot area keys, candidate volume
 * keys, their digests), seen through {@link KeyMaterial#observer}, is zeros once the unlock is over,
 * whether it succeeded, failed on a wrong passphrase, or tried several keyslots. Both KDFs.
 */
class KeyMaterialWipingTest {

    private static final String PASSPHRASE = "key material passphrase";

    private final List<byte[]> derived = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopWatching() {
        KeyMaterial.observer = null;
    }

    @Test
    void theProviderWipesThePassphraseOnceTheVolumeIsOpenAndAfterAWrongOne() throws IOException {
        MemoryBlockDevice raw = MemoryBlockDevice.ofSize(20L << 20, 512);
        Luks.format(raw, secret(PASSPHRASE), LuksFormatOptions.defaults().withKdf(LuksFormatOpenTest.FAST)).close();
        MemoryBlockDevice image = raw.copy();

        Secret right = secret(PASSPHRASE);
        try (var opened = LuksDevices.luks(image.copy(), right, new SystemEntropy())) {
            assertTrue(right.isWiped(), "the passphrase outlived the unlock");
            assertThrows(IllegalStateException.class, right::bytes);
            opened.read(0, ByteBuffer.allocate(opened.sectorSize())); // the open device works without it
        }
        Secret wrong = secret("not the passphrase");
        assertThrows(WrongPassphraseException.class, () -> LuksDevices.luks(image.copy(), wrong, new SystemEntropy()));
        assertTrue(wrong.isWiped(), "a wrong passphrase outlived the failed unlock");

        Secret formatting = secret(PASSPHRASE);
        LuksDevices.luks(MemoryBlockDevice.ofSize(20L << 20, 512), formatting, new SystemEntropy()).close();
        assertTrue(formatting.isWiped(), "the passphrase outlived formatting");
    }

    @Test
    void derivedKeysAreZerosAfterASuccessfulAndAFailedPbkdf2Unlock() throws IOException {
        unlocksLeaveNoKeys(LuksFormatOpenTest.FAST);
    }

    @Test
    void derivedKeysAreZerosAfterASuccessfulAndAFailedArgon2idUnlock() throws IOException {
        unlocksLeaveNoKeys(LuksKdf.argon2id(4, 8 * 1024, 1));
    }

    private void unlocksLeaveNoKeys(LuksKdf kdf) throws IOException {
        MemoryBlockDevice formatted = MemoryBlockDevice.ofSize(20L << 20, 512);
        byte[] passphrase = PASSPHRASE.getBytes(StandardCharsets.UTF_8);
        LuksDevice device = Luks.format(formatted, passphrase, LuksFormatOptions.defaults().withKdf(kdf));
        // A second keyslot: a wrong passphrase is tried against two, and the second passphrase meets
        // keyslot 0 first, which refuses it.
        device.addKeyslot("second passphrase".getBytes(StandardCharsets.UTF_8), kdf);
        device.flush();
        MemoryBlockDevice raw = formatted.copy(); // closing the LUKS layer closes the raw device too
        device.close();

        KeyMaterial.observer = derived::add;
        try (LuksDevice opened = Luks.open(raw.copy(), "second passphrase".getBytes(StandardCharsets.UTF_8))) {
            assertAllZeros("a successful unlock");
            opened.read(0, ByteBuffer.allocate(opened.sectorSize()));
        }
        derived.clear();
        assertThrows(WrongPassphraseException.class,
                () -> Luks.open(raw.copy(), "wrong passphrase".getBytes(StandardCharsets.UTF_8)));
        assertAllZeros("a failed unlock");
    }

    private void assertAllZeros(String after) {
        // At least an area key, a candidate volume key and its digest per keyslot tried.
        assertTrue(derived.size() >= 3, derived.size() + " arrays derived in " + after);
        for (byte[] key : derived) {
            assertArrayEquals(new byte[key.length], key, "a " + key.length + "-byte key left after " + after);
        }
    }

    private static Secret secret(String text) {
        return Secret.of(text.getBytes(StandardCharsets.UTF_8), "test");
    }
}
