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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyslotManagementTest {

    private static MemoryBlockDevice formatted() throws IOException {
        MemoryBlockDevice raw = MemoryBlockDevice.ofSize(IMAGE_BYTES, 512);
        try (LuksDevice volume = Luks.format(raw, secret(PASSPHRASE), LuksFormatOptions.defaults().withKdf(FAST))) {
            volume.write(3, ByteBuffer.wrap(new byte[4096]).put(0, (byte) 42));
        }
        return raw.copy();
    }

    @Test
    void anAddedPassphraseOpensTheSameData() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            assertEquals(1, volume.addKeyslot(secret("second"), FAST));
            assertEquals(2, volume.addKeyslot(secret("third"), LuksKdf.argon2id(4, 1024, 1)));
            assertEquals(Set.of(0, 1, 2), volume.keyslots());
        }
        for (String passphrase : new String[] {PASSPHRASE, "second", "third"}) {
            try (LuksDevice volume = Luks.open(raw.copy(), secret(passphrase))) {
                ByteBuffer sector = ByteBuffer.allocate(4096);
                volume.read(3, sector);
                assertEquals(42, sector.get(0), passphrase);
            }
        }
        try (LuksDevice volume = Luks.open(raw.copy(), secret("third"), 2)) {
            assertEquals(2, volume.openedKeyslot());
        }
        assertThrows(WrongPassphraseException.class, () -> Luks.open(raw.copy(), secret("third"), 1));
    }

    @Test
    void removingAKeyslotDestroysItsMaterial() throws IOException {
        MemoryBlockDevice raw = formatted();
        byte[] areaBefore;
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            volume.addKeyslot(secret("second"), FAST);
            areaBefore = DeviceBytes.read(raw, 32768, 258048);
            volume.removeKeyslot(0, false);
            assertFalse(Arrays.equals(areaBefore, DeviceBytes.read(raw, 32768, 258048)), "keyslot 0 area overwritten");
            assertEquals(Set.of(1), volume.keyslots());
        }
        assertThrows(WrongPassphraseException.class, () -> Luks.open(raw.copy(), secret(PASSPHRASE)));
        Luks.open(raw.copy(), secret("second")).close();
    }

    @Test
    void removingTheLastKeyslotNeedsForce() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            LuksException refused = assertThrows(LuksException.class, () -> volume.removeKeyslot(0, false));
            assertTrue(refused.getMessage().contains("last keyslot") && refused.getMessage().contains("force"), refused.getMessage());
            assertThrows(LuksException.class, () -> volume.removeKeyslot(5, true), "unused keyslot");
            volume.removeKeyslot(0, true);
            assertTrue(volume.keyslots().isEmpty());
            // Still open: the volume key lives on in memory, so a new passphrase can be added back.
            volume.addKeyslot(secret("rescue"), FAST);
        }
        Luks.open(raw.copy(), secret("rescue")).close();
    }

    @Test
    void noKeyslotLeftMeansNoWayIn() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            volume.removeKeyslot(0, true);
        }
        LuksException e = assertThrows(LuksException.class, () -> Luks.open(raw.copy(), secret(PASSPHRASE)));
        assertTrue(e.getMessage().contains("no usable keyslot"), e.getMessage());
    }

    @Test
    void changingThePassphraseKeepsTheKeyslotId() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            volume.addKeyslot(secret("second"), FAST);
            assertEquals(1, volume.changePassphrase(secret("second"), secret("changed"), FAST));
            assertThrows(WrongPassphraseException.class, () -> volume.changePassphrase(secret("second"), secret("x"), FAST));
            assertEquals(Set.of(0, 1), volume.keyslots());
        }
        assertThrows(WrongPassphraseException.class, () -> Luks.open(raw.copy(), secret("second")));
        try (LuksDevice volume = Luks.open(raw.copy(), secret("changed"))) {
            assertEquals(1, volume.openedKeyslot());
        }
        Luks.open(raw.copy(), secret(PASSPHRASE)).close();
    }

    @Test
    void thirtyTwoKeyslotsAtMost() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            for (int i = 1; i < 32; i++) {
                assertEquals(i, volume.addKeyslot(secret("p" + i), FAST));
            }
            LuksException e = assertThrows(LuksException.class, () -> volume.addKeyslot(secret("one too many"), FAST));
            assertTrue(e.getMessage().contains("all 32 keyslots are in use"), e.getMessage());
        }
        try (LuksDevice volume = Luks.open(raw.copy(), secret("p31"), 31)) {
            assertEquals(31, volume.openedKeyslot());
        }
    }

    @Test
    void headerRewritesKeepWhatWeDoNotInterpret() throws IOException {
        MemoryBlockDevice raw = formatted();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            volume.addKeyslot(secret("second"), FAST);
        }
        MemoryBlockDevice edited = raw.copy();
        HeaderSurgery.editJson(edited, json -> {
            HeaderSurgery.object(json, "tokens").put("0", new java.util.LinkedHashMap<>(Map.of(
                    "type", "systemd-tpm2", "keyslots", new ArrayList<>(List.of("0", "1")), "tpm2-pcrs", List.of(7L))));
            HeaderSurgery.object(json, "config").put("flags", new ArrayList<>(List.of("allow-discards")));
        });
        try (LuksDevice volume = Luks.open(edited, secret(PASSPHRASE))) {
            volume.removeKeyslot(1, false);
        }
        LuksHeader header = LuksHeader.read(edited.copy());
        Map<String, Object> token = HeaderSurgery.object(header.json(), "tokens", "0");
        assertEquals("systemd-tpm2", token.get("type"));
        assertEquals(List.of("0"), token.get("keyslots"));
        assertEquals(List.of(7L), token.get("tpm2-pcrs"));
        assertEquals(List.of("allow-discards"), HeaderSurgery.object(header.json(), "config").get("flags"));
        assertTrue(Luks.dump(edited.copy()).contains("allow-discards"));
    }

    @Test
    void headerUpdatesAdvanceTheSequenceIdInBothCopies() throws IOException {
        MemoryBlockDevice raw = formatted();
        long before = LuksHeader.read(raw).sequenceId();
        try (LuksDevice volume = Luks.open(raw, secret(PASSPHRASE))) {
            volume.addKeyslot(secret("second"), FAST);
        }
        byte[] primary = DeviceBytes.read(raw.copy(), 0, BinaryHeader.SIZE);
        byte[] secondary = DeviceBytes.read(raw.copy(), LuksHeader.DEFAULT_HEADER_SIZE, BinaryHeader.SIZE);
        assertEquals(before + 1, BinaryHeader.decode(primary, false).sequenceId());
        assertEquals(before + 1, BinaryHeader.decode(secondary, true).sequenceId());
        assertFalse(Arrays.equals(BinaryHeader.decode(primary, false).salt(), BinaryHeader.decode(secondary, true).salt()),
                "each copy has its own salt");
        assertArrayEquals(DeviceBytes.read(raw.copy(), BinaryHeader.SIZE, 12288),
                DeviceBytes.read(raw.copy(), LuksHeader.DEFAULT_HEADER_SIZE + BinaryHeader.SIZE, 12288), "same JSON in both");
    }
}
