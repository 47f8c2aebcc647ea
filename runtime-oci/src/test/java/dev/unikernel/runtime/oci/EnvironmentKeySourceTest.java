package dev.unikernel.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.api.boot.KeyValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentKeySourceTest {

    private static final List<KeySpec> KEYS = List.of(
            KeySpec.withDefault("port", KeyType.INT, "2222", "TCP port"),
            KeySpec.withDefault("create-size", KeyType.SIZE, "64M", "size of a new disk"),
            KeySpec.withDefault("disk", KeyType.PATH, "/data/disk.img", "disk image"),
            KeySpec.required("passphrase", KeyType.SECRET, "LUKS passphrase"));

    @TempDir
    Path secrets;

    private EnvironmentKeySource source(Map<String, String> environment, String... args) {
        return new EnvironmentKeySource(args, environment, secrets);
    }

    @Test
    void readsKeysFromTheEnvironmentWithDashesAsUnderscores() throws Exception {
        secretFile(secrets.resolve("passphrase"), "s3cret\n");
        KeyValues values = KeyValues.read(KEYS, source(Map.of("UNIKERNEL_PORT", "22", "UNIKERNEL_CREATE_SIZE", "1G")));
        assertEquals(22, values.integer("port"));
        assertEquals(1L << 30, values.size("create-size").bytes());
        assertEquals(Path.of("/data/disk.img"), values.path("disk"));
    }

    @Test
    void argumentsWinOverTheEnvironment() throws Exception {
        secretFile(secrets.resolve("passphrase"), "x");
        KeyValues values = KeyValues.read(KEYS, source(Map.of("UNIKERNEL_PORT", "22"), "--port=2200"));
        assertEquals(2200, values.integer("port"));
    }

    @Test
    void aSecretComesFromTheFileNamedByTheFileVariable() throws Exception {
        Path file = secrets.resolve("elsewhere");
        secretFile(file, "from file\n");
        secretFile(secrets.resolve("passphrase"), "mounted");
        Secret secret = source(Map.of("UNIKERNEL_PASSPHRASE_FILE", file.toString())).secret(KEYS.get(3));
        assertArrayEquals("from file\n".getBytes(StandardCharsets.UTF_8), secret.bytes(), "exact bytes, as cryptsetup reads them");
        assertEquals("file " + file, secret.origin());
    }

    @Test
    void aSecretComesFromTheMountedSecretsDirectory() throws Exception {
        secretFile(secrets.resolve("passphrase"), "mounted\n");
        Secret secret = source(Map.of()).secret(KEYS.get(3));
        assertArrayEquals("mounted\n".getBytes(StandardCharsets.UTF_8), secret.bytes());
    }

    @Test
    void aMountedSecretWinsOverTheVariable() throws Exception {
        secretFile(secrets.resolve("passphrase"), "mounted");
        Secret secret = source(Map.of("UNIKERNEL_PASSPHRASE", "from the image")).secret(KEYS.get(3));
        assertArrayEquals("mounted".getBytes(StandardCharsets.UTF_8), secret.bytes());
        assertEquals("file " + secrets.resolve("passphrase"), secret.origin());
    }

    @Test
    void aMountedSecretOthersMayReadIsRefusedWithTheFix() throws Exception {
        Path file = secretFile(secrets.resolve("passphrase"), "mounted");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyException e = assertThrows(KeyException.class, () -> source(Map.of()).secret(KEYS.get(3)));
        assertEquals("permissions 0644 for passphrase file " + file + " are too open: it must not be accessible by"
                + " group or others (chmod 600 " + file + ")", e.getMessage());
    }

    @Test
    void aSecretMayBeTheVariableItself() throws Exception {
        Secret secret = source(Map.of("UNIKERNEL_PASSPHRASE", "inline")).secret(KEYS.get(3));
        assertArrayEquals("inline".getBytes(StandardCharsets.UTF_8), secret.bytes());
        assertTrue(secret.origin().contains("UNIKERNEL_PASSPHRASE"));
    }

    @Test
    void aMissingSecretIsReportedWithHowToGiveIt() {
        KeyException e = assertThrows(KeyException.class, () -> KeyValues.read(KEYS, source(Map.of())));
        assertEquals(List.of("missing required key UNIKERNEL_PASSPHRASE_FILE=PATH or " + secrets.resolve("passphrase")
                + ": LUKS passphrase"), e.problems());
    }

    @Test
    void aSecretFileThatDoesNotExistIsNamed() {
        KeyException e = assertThrows(KeyException.class,
                () -> source(Map.of("UNIKERNEL_PASSPHRASE_FILE", "/nowhere/p")).secret(KEYS.get(3)));
        assertEquals("UNIKERNEL_PASSPHRASE_FILE: no such file /nowhere/p (is the secret mounted?)", e.getMessage());
    }

    @Test
    void unknownVariablesAndArgumentsAreAllReported() throws Exception {
        KeyException e = assertThrows(KeyException.class, () -> source(
                Map.of("UNIKERNEL_PROT", "22", "UNIKERNEL_DEBUG", "1", "HOME", "/"), "--nmae=x").values(KEYS));
        assertEquals(List.of("unknown key --nmae", "unknown key: environment variable UNIKERNEL_PROT"), e.problems());
    }

    @Test
    void aSecretIsNeverAnArgumentValue() {
        KeyException e = assertThrows(KeyException.class, () -> source(Map.of(), "--passphrase=oops").values(KEYS));
        assertTrue(e.getMessage().contains("cannot be given on the command line"), e.getMessage());
        assertTrue(!e.getMessage().contains("oops"), e.getMessage());
    }

    @Test
    void spellsKeysAsVariables() throws Exception {
        EnvironmentKeySource source = source(Map.of(), "--help");
        assertTrue(source.helpRequested());
        assertEquals("UNIKERNEL_CREATE_SIZE=SIZE", source.spelling(KEYS.get(1)));
        assertNull(new EnvironmentKeySource(new String[0], Map.of(), secrets).values(List.of()).get("port"));
    }

    @Test
    void withoutArgumentsKeysComeFromTheEnvironmentAndPointThere() throws Exception {
        EnvironmentKeySource source = EnvironmentKeySource.withoutArguments(Map.of("UNIKERNEL_PORT", "22"), secrets);
        assertEquals(Map.of("port", "22"), source.values(KEYS));
        assertTrue(!source.helpRequested(), "--help is the application's word");
        assertEquals("every container argument is the application's, so keys are environment variables UNIKERNEL_<KEY>",
                source.keysHint());
        assertEquals("the keys are listed by --help", source(Map.of()).keysHint());
    }

    /** A secret file as a platform mounts one for its user: 0600. */
    private static Path secretFile(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
