package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class Pbkdf2Test {

    private static final byte[] PASSWORD = "password".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SALT = "salt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesRfc6070() throws Exception {
        assertArrayEquals(HexFormat.of().parseHex("0c60c80f961f0e71f3a9b524af6012062fe037a6"),
                Pbkdf2.derive("sha1", PASSWORD, SALT, 1, 20));
        assertArrayEquals(HexFormat.of().parseHex("4b007901b765489abead49d926f721d065a429c1"),
                Pbkdf2.derive("sha1", PASSWORD, SALT, 4096, 20));
    }

    @Test
    void matchesTheJcaForTextPasswordsOfEveryLength() throws Exception {
        // The JCA's char-based PBKDF2 is an independent implementation for ASCII passwords;
        // 40 and 100 output bytes need two and four SHA-256 blocks, as LUKS keys of 64 bytes do.
        SecretKeyFactory jca = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        for (int length : new int[] {20, 32, 40, 64, 100}) {
            byte[] expected = jca.generateSecret(new PBEKeySpec("correct horse".toCharArray(), SALT, 1000, length * 8)).getEncoded();
            assertArrayEquals(expected, Pbkdf2.derive("sha256", "correct horse".getBytes(StandardCharsets.US_ASCII), SALT, 1000, length),
                    length + " bytes");
        }
    }

    @Test
    void anEmptyPasswordWorks() throws Exception {
        // HMAC pads keys with zeros, so an empty key must equal the key {0}.
        assertArrayEquals(Pbkdf2.derive("sha256", new byte[1], SALT, 2, 32), Pbkdf2.derive("sha256", new byte[0], SALT, 2, 32));
    }

    @Test
    void refusesUnknownHashes() {
        assertThrows(LuksException.class, () -> Pbkdf2.derive("whirlpool", PASSWORD, SALT, 1, 32));
    }
}
