package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 8.3 aliases as fatgen103 and Windows make them. */
class ShortNamesTest {

    @Test
    void exactShortNamesNeedNoAlias() {
        assertEquals("README  TXT", ShortNames.exactForm("README.TXT"));
        assertEquals("A          ", ShortNames.exactForm("A"));
        assertNull(ShortNames.exactForm("readme.txt"));
        assertNull(ShortNames.exactForm("TOOLONGNAME.TXT"));
        assertNull(ShortNames.exactForm("A.B.C"));
    }

    @Test
    void aliasesFollowTheBasisNameRules() {
        Set<String> taken = new HashSet<>();
        assertEquals("README  TXT", ShortNames.alias("readme.txt", taken::contains));
        assertEquals("LONGFI~1TXT", ShortNames.alias("long file name.txt", taken::contains));
        assertEquals("BASHRC~1   ", ShortNames.alias(".bashrc", taken::contains), "a leading dot is dropped: lossy");
        assertEquals("ARCHIV~1GZ ", ShortNames.alias("archive.tar.gz", taken::contains));
        assertEquals("GR_SSE~1TXT", ShortNames.alias("grüße.txt", taken::contains), "ü becomes '_', ß upper-cases to SS");
    }

    @Test
    void tailsAvoidCollisionsAndSwitchToHashesAfterFour() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String alias = ShortNames.alias("document number " + i + ".text", taken::contains);
            assertEquals(11, alias.length());
            assertEquals(true, taken.add(alias), "duplicate alias " + alias);
        }
        assertEquals(true, taken.contains("DOCUME~1TEX"));
        assertEquals(true, taken.contains("DOCUME~4TEX"));
    }

    @Test
    void checksumMatchesTheSpec() {
        // fatgen103's algorithm by hand for "README  TXT".
        byte[] name = "README  TXT".getBytes();
        int sum = 0;
        for (byte b : name) {
            sum = ((sum & 1) << 7) + ((sum & 0xFF) >> 1) + (b & 0xFF) & 0xFF;
        }
        assertEquals(sum, ShortNames.checksum(name, 0));
    }
}
