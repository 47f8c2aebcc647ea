package dev.unikernel.luks;

import static dev.unikernel.luks.LuksFormatOpenTest.FAST;
import static dev.unikernel.luks.LuksFormatOpenTest.IMAGE_BYTES;
import static dev.unikernel.luks.LuksFormatOpenTest.PASSPHRASE;
import static dev.unikernel.luks.LuksFormatOpenTest.secret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Headers an attacker could hand us in an image: areas whose end overflows a long, and key
 * derivations that would run for hours or take more memory than the machine has. Each is refused
 * before any keyslot is written or any costly derivation runs.
 */
class HostileHeaderTest {

    /** 2^63 - 4096, aligned: offset plus any keyslot's size passes 2^63 and wraps negative. */
    private static final long NEAR_LONG_MAX = Long.MAX_VALUE - 4095;

    /** The pbkdf2 iterations of {@code FAST}, the keyslot every header here starts from. */
    private static final long FAST_ITERATIONS = 1000;

    @Test
    void aKeyslotAreaWhoseEndOverflowsIsRefused() throws IOException {
        MemoryBlockDevice raw = formatted();
        HeaderSurgery.editJson(raw, json -> area(json).put("offset", Long.toString(NEAR_LONG_MAX)));
        LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw, secret(PASSPHRASE)));
        assertFalse(e instanceof WrongPassphraseException);
        assertTrue(e.getMessage().contains("ends past 2^63"), e.getMessage());
    }

    @Test
    void aKeyslotAreaPastTheKeyslotsAreaIsRefusedWithoutOverflow() throws IOException {
        MemoryBlockDevice raw = formatted();
        // Inside a long, but far past the keyslots area: the old check summed offset and size.
        HeaderSurgery.editJson(raw, json -> area(json).put("offset", Long.toString(1L << 62)));
        LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw, secret(PASSPHRASE)));
        assertTrue(e.getMessage().contains("leaves the keyslots area"), e.getMessage());
    }

    @Test
    void aNineteenDigitNumberPastLongMaxIsAHeaderErrorNotACrash() throws IOException {
        MemoryBlockDevice raw = formatted();
        HeaderSurgery.editJson(raw, json -> area(json).put("size", "9999999999999999999"));
        LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw, secret(PASSPHRASE)));
        assertTrue(e.getMessage().contains("not a decimal number below 2^63"), e.getMessage());
    }

    @Test
    void addingAKeyToAValidHeaderLeavesTheOtherKeyslotIntact() throws IOException {
        MemoryBlockDevice raw = formatted();
        Keyslot first = LuksHeader.read(raw).keyslots().get(0);
        byte[] firstArea = DeviceBytes.read(raw, first.areaOffset(), (int) first.areaSize());
        try (LuksDevice device = Luks.open(raw, secret(PASSPHRASE))) {
            device.addKeyslot(secret("second"), FAST);
        }
        MemoryBlockDevice after = reopened(raw);
        Keyslot firstAfter = LuksHeader.read(after).keyslots().get(0);
        assertEquals(first.areaOffset(), firstAfter.areaOffset());
        assertArrayEquals(firstArea, DeviceBytes.read(after, first.areaOffset(), (int) first.areaSize()));
        Luks.open(reopened(after), secret(PASSPHRASE)).close();
        Luks.open(reopened(after), secret("second")).close();
    }

    @Test
    void pbkdf2IterationsAboveTheLimitAreRefusedBeforeDeriving() throws IOException {
        assertTooCostly(json -> kdf(json).put("iterations", 2_000_000_000L), "2000000000 pbkdf2 iterations");
    }

    @Test
    void theVolumeKeyDigestsIterationsAreLimitedToo() throws IOException {
        assertTooCostly(json -> HeaderSurgery.object(json, "digests", "0").put("iterations", 2_000_000_000L),
                "the volume key digest of keyslot 0");
    }

    @Test
    void argon2MemoryAboveTheLimitIsRefused() throws IOException {
        assertTooCostly(json -> argon2(json, 4, 4L * 1024 * 1024), "argon2id memory of 4096 MiB (the limit is 1024 MiB)");
    }

    @Test
    void argon2PassesAboveTheLimitAreRefused() throws IOException {
        assertTooCostly(json -> argon2(json, 100_000, 32 * 1024), "argon2id time 100000 over 32 MiB");
    }

    @Test
    void aCheapKeyslotStillOpensWhenAnotherIsTooCostly() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice device = Luks.open(raw, secret(PASSPHRASE))) {
            assertEquals(1, device.addKeyslot(secret(PASSPHRASE), FAST));
        }
        MemoryBlockDevice edited = reopened(raw);
        HeaderSurgery.editJson(edited, json -> kdf(json).put("iterations", 2_000_000_000L));
        try (LuksDevice device = Luks.open(edited, secret(PASSPHRASE))) {
            assertEquals(1, device.openedKeyslot());
        }
    }

    @Test
    void theLimitsCanBeTurnedOffForATrustedHeader() throws IOException {
        MemoryBlockDevice raw = formatted();
        LuksHeader header = LuksHeader.read(raw);
        // Limits just below this header's cheap keyslot stand in for the defaults, which are far too
        // costly to pass in a test: refused under them, tried (the wrong passphrase is the answer) without.
        KdfLimits justBelow = new KdfLimits(FAST_ITERATIONS - 1, KdfLimits.DEFAULT.maxArgon2MemoryKiB(),
                KdfLimits.DEFAULT.maxArgon2Work());
        LuksException refused = assertThrows(LuksException.class, () -> Unlocked.unlock(raw, header,
                PASSPHRASE.getBytes(StandardCharsets.UTF_8), Unlocked.ANY_KEYSLOT, "the passphrase", justBelow));
        assertFalse(refused instanceof WrongPassphraseException, refused.getMessage());
        assertThrows(WrongPassphraseException.class, () -> Unlocked.unlock(raw, header,
                "wrong".getBytes(StandardCharsets.UTF_8), Unlocked.ANY_KEYSLOT, "the passphrase", KdfLimits.NONE));
        System.setProperty(KdfLimits.PROPERTY, "off");
        try {
            assertEquals(KdfLimits.NONE, KdfLimits.current());
            // Every open consults the property: a value that is neither on nor off stops it.
            System.setProperty(KdfLimits.PROPERTY, "maybe");
            LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw, secret("wrong")));
            assertTrue(e.getMessage().contains("neither on nor off"), e.getMessage());
        } finally {
            System.clearProperty(KdfLimits.PROPERTY);
        }
        assertEquals(KdfLimits.DEFAULT, KdfLimits.current());
    }

    @Test
    void keyslotsCalibratedWithAMinuteOfIterTimeOnAFastMachineAreWithinTheDefaults() throws LuksException {
        // What cryptsetup writes for --iter-time 60000 where it derives 8 million pbkdf2-sha256 per
        // second, or 2 GiB of argon2id memory passes per second (at 32 MiB, and at its 1 GiB maximum).
        KdfLimits.DEFAULT.checkIterations(480_000_000L, "pbkdf2");
        KdfLimits.DEFAULT.check(new KdfParameters.Argon2Parameters(true, 3840, 32 * 1024, 4, new byte[32]), "argon2id");
        KdfLimits.DEFAULT.check(new KdfParameters.Argon2Parameters(true, 120, 1024 * 1024, 4, new byte[32]), "argon2id");
    }

    private static void assertTooCostly(Consumer<Map<String, Object>> change, String expected) throws IOException {
        MemoryBlockDevice raw = formatted();
        HeaderSurgery.editJson(raw, change);
        LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw, secret(PASSPHRASE)));
        assertFalse(e instanceof WrongPassphraseException);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("-D" + KdfLimits.PROPERTY + "=off"), e.getMessage());
    }

    private static MemoryBlockDevice formatted() throws IOException {
        MemoryBlockDevice raw = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        Luks.format(raw, secret(PASSPHRASE), LuksFormatOptions.defaults().withKdf(FAST)).close();
        return raw.copy(); // closing the LUKS device closed the one below it
    }

    /** The bytes of {@code raw}, on a device still open: what a LuksDevice closes goes with it. */
    private static MemoryBlockDevice reopened(MemoryBlockDevice raw) {
        return raw.copy();
    }

    private static Map<String, Object> area(Map<String, Object> json) {
        return HeaderSurgery.object(json, "keyslots", "0", "area");
    }

    private static Map<String, Object> kdf(Map<String, Object> json) {
        return HeaderSurgery.object(json, "keyslots", "0", "kdf");
    }

    private static void argon2(Map<String, Object> json, long time, long memoryKiB) {
        Map<String, Object> kdf = kdf(json);
        kdf.clear();
        kdf.put("type", "argon2id");
        kdf.put("time", time);
        kdf.put("memory", memoryKiB);
        kdf.put("cpus", 1L);
        kdf.put("salt", JsonFields.encodeBase64(new byte[KdfParameters.SALT_LENGTH]));
    }
}
