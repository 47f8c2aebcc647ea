package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void keepsTheExactBytesLikeCryptsetupKeyFileHidesItsValueAndWipes() {
        byte[] input = "pässword\n".getBytes(StandardCharsets.UTF_8);
        Secret secret = Secret.of(input, "file p");
        assertArrayEquals(new byte[input.length], input, "the caller's buffer is wiped");
        assertArrayEquals("pässword\n".toCharArray(), secret.chars());
        assertFalse(secret.toString().contains("word"));
        assertFalse(secret.isWiped());
        secret.close();
        assertTrue(secret.isWiped());
        assertThrows(IllegalStateException.class, secret::bytes);
    }
}
