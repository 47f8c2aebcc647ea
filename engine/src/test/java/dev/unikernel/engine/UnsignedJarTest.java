package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed jars copied without their signatures into lib/ when the unix target makes an AOT cache. */
class UnsignedJarTest {

    private static final String MANIFEST = """
            Manifest-Version: 1.0
            Created-By: a test

            Name: a/A.class
            SHA-256-Digest: AAAA

            Name: b/
            Sealed: true
            SHA-256-Digest: BBBB

            """;

    @TempDir
    Path directory;

    /** A jar laid out like a signed one (the signature itself is not checked by anything here). */
    private Path signedJar() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", MANIFEST);
        entries.put("META-INF/SIGNER.SF", "signature file");
        entries.put("META-INF/SIGNER.RSA", "signature block");
        entries.put("META-INF/services/x.Y", "x.Z\n");
        entries.put("META-INF/sub/NOT-A-SIGNATURE.SF", "kept: not directly in META-INF");
        entries.put("a/A.class", "class A");
        entries.put("b/B.class", "class B, stored");
        Path jar = directory.resolve("signed.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                byte[] bytes = entry.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry zip = new ZipEntry(entry.getKey());
                zip.setTime(1_700_000_000_000L);
                if (entry.getKey().startsWith("b/")) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    zip.setMethod(ZipEntry.STORED);
                    zip.setSize(bytes.length);
                    zip.setCrc(crc.getValue());
                }
                out.putNextEntry(zip);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> names(Path jar) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(entry -> names.add(entry.getName()));
        }
        return names;
    }

    private static byte[] content(Path jar, String name) throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    @Test
    void theCopyLeavesOutTheSignatureAndTheDigestsAndKeepsEverythingElse() throws Exception {
        Path jar = signedJar();
        assertTrue(UnsignedJar.isSigned(jar));
        byte[] unsigned = UnsignedJar.of(jar);
        assertArrayEquals(unsigned, UnsignedJar.of(jar), "the same jar gives the same copy");
        Path copy = directory.resolve("copy.jar");
        Files.write(copy, unsigned);

        assertFalse(UnsignedJar.isSigned(copy));
        assertEquals(List.of("META-INF/MANIFEST.MF", "META-INF/services/x.Y", "META-INF/sub/NOT-A-SIGNATURE.SF",
                "a/A.class", "b/B.class"), names(copy));
        for (String name : List.of("META-INF/services/x.Y", "META-INF/sub/NOT-A-SIGNATURE.SF", "a/A.class", "b/B.class")) {
            assertArrayEquals(content(jar, name), content(copy, name), name);
        }
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry("b/B.class").getMethod());
            assertEquals(1_700_000_000_000L, zip.getEntry("a/A.class").getTime());
        }
        try (JarFile jarFile = new JarFile(copy.toFile())) {
            Manifest manifest = jarFile.getManifest();
            assertEquals("a test", manifest.getMainAttributes().getValue("Created-By"));
            assertNull(manifest.getAttributes("a/A.class"), "a section that only held a digest is gone");
            assertEquals("true", manifest.getAttributes("b/").getValue("Sealed"));
            assertNull(manifest.getAttributes("b/").getValue("SHA-256-Digest"));
        }
    }

    @Test
    void libGetsUnsignedCopiesOnlyWhenAskedAndKeepsThemWhileTheJarIsUnchanged() throws Exception {
        Path jar = signedJar();
        FileTime time = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(jar, time);
        Path lib = directory.resolve("lib");
        RecordingLog log = new RecordingLog();

        UnixPackager.syncJars(List.of(jar), lib, true, log);
        Path copy = lib.resolve("signed.jar");
        assertFalse(UnsignedJar.isSigned(copy));
        assertEquals(time, Files.getLastModifiedTime(copy), "the jar's time: the AOT cache's stamp depends on it");
        assertTrue(log.lines.stream().anyMatch(line -> line.startsWith("INFO Copied signed.jar without its signature")),
                log.lines.toString());

        // An unchanged jar keeps its copy (and so the AOT cache stays up to date): not even read again.
        RecordingLog again = new RecordingLog();
        UnixPackager.syncJars(List.of(jar), lib, true, again);
        assertTrue(again.lines.isEmpty(), again.lines.toString());
        assertEquals(time, Files.getLastModifiedTime(copy));

        UnixPackager.syncJars(List.of(jar), lib, false, new RecordingLog());
        assertEquals(-1, Files.mismatch(jar, copy), "without an AOT cache (or with keepJarSignatures) the jar as it is");
    }
}
