package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MINA's ed25519 over the JDK: RFC 8032's test vectors through MINA's own entry points, and client keys of every accepted type. */
class JdkEd25519Test {

    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void jdkCrypto() {
        JdkCryptoForMina.install();
    }

    @Test
    void minaSignsAndVerifiesRfc8032VectorsWithJdkKeys() throws Exception {
        // RFC 8032, 7.1, TEST 1 and TEST 2.
        check("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        check("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    private static void check(String secret, String expectedPublic, String message, String expectedSignature)
            throws Exception {
        PrivateKey privateKey = SecurityUtils.generateEDDSAPrivateKey("ssh-ed25519", HEX.parseHex(secret));
        PublicKey recovered = SecurityUtils.recoverEDDSAPublicKey(privateKey);
        PublicKey publicKey = SecurityUtils.generateEDDSAPublicKey("ssh-ed25519", HEX.parseHex(expectedPublic));
        assertTrue(SecurityUtils.compareEDDSAPPublicKeys(recovered, publicKey));
        assertEquals(256, SecurityUtils.getEDDSAKeySize(publicKey));

        Signature signer = SecurityUtils.getEDDSASigner();
        signer.initSigner(null, privateKey);
        signer.update(null, HEX.parseHex(message));
        byte[] signature = signer.sign(null);
        assertArrayEquals(HEX.parseHex(expectedSignature), signature);

        Signature verifier = SecurityUtils.getEDDSASigner();
        verifier.initVerifier(null, publicKey);
        verifier.update(null, HEX.parseHex(message));
        assertTrue(verifier.verify(null, signature));
        signature[32] ^= 1; // in S, so the JDK answers false rather than refusing an invalid point
        verifier.initVerifier(null, publicKey);
        verifier.update(null, HEX.parseHex(message));
        assertFalse(verifier.verify(null, signature));
    }

    @Test
    void authorizedKeysTakeEd25519EcdsaAndRsaKeysAsOpenSshWritesThem(@TempDir Path directory) throws Exception {
        String[] lines = {
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBrhLzGh7GgUtRkUkp/n4WVOWy7Ij2HJWGHUmp5cr0H5 fixture",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBIc9M10S4i5dXXSKXxJ8l+HDO7eJ25Go6L0wI9pk3ISr7iE0AmNdb8RqWu5v3fXkTqm83jMFxbEOo3nMsdeKY3E= fixture",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCo6hpQA0s+e8dk+C4SEcN2898kQJAxHCf8/xkkW2zCIEaVw/+B+grold3Uy2TsTtKUOLDWIYMWxZJYfqgMKBqWuNEwRoI8Oot7esbNSEehkCeXA5c4UoujVEhk1lXtLb0UvUSWYUism6ScWGpL8jLXgVnZqTDLDg7esOCxKjF9I2NEJVjGvzYDhG56D6t6PI1IIut8D9qoM1N9DRLBVBbbSDdoaF++ZHKmaN9KMh9ZgBSbPnQVJY5AHIqEig2ybe8ytTbOjvteyFgVvgkjB/mzPUXMQ/B9PkpEyiiZk0+iuKQL/yqh28+6xlqFiO4MyzxQ3HaSQJCBSEyOkvjbqfl7 fixture",
        };
        Path file = directory.resolve("authorized_keys");
        Files.writeString(file, String.join("\n", lines) + "\n");
        AuthorizedKeys keys = AuthorizedKeys.load(file, "sftp");
        Class<?>[] types = {EdECPublicKey.class, ECPublicKey.class, RSAPublicKey.class};
        for (int i = 0; i < lines.length; i++) {
            PublicKey key = AuthorizedKeyEntry.parseAuthorizedKeyEntry(lines[i])
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            assertTrue(types[i].isInstance(key), key.getClass().toString());
            assertTrue(keys.authenticate("sftp", key, null), lines[i]);
            // Encoded back as OpenSSH wrote it: what fingerprints and known_hosts see.
            assertEquals(lines[i].substring(0, lines[i].lastIndexOf(' ')), PublicKeyEntry.toString(key));
        }
    }
}
