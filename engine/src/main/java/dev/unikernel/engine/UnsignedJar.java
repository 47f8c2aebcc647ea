package dev.unikernel.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A signed jar copied without its signature, for a program with an AOT cache. The JVM caches no
 * class of a signed jar, and checks the signature over every entry the first time it reads from the
 * jar, holding the jar's lock meanwhile, so that every class lookup that passes the jar on the class
 * path waits. The copy leaves out the signature files in {@code META-INF} and the entries' digests in
 * the manifest (they only serve the signature), and keeps every other entry, its bytes and its time, in
 * order: the same jar always gives the same copy.
 */
final class UnsignedJar {

    private UnsignedJar() {
    }

    /** Whether the jar holds a signature (a {@code META-INF/*.SF} file). */
    static boolean isSigned(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (isSignatureFile(name) && name.toUpperCase(Locale.ROOT).endsWith(".SF")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The jar's bytes without its signature. */
    static byte[] of(Path jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (isSignatureFile(entry.getName())) {
                    continue;
                }
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                ZipEntry copy = new ZipEntry(entry);
                if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    content = withoutDigests(content);
                    copy = new ZipEntry(entry.getName());
                    copy.setTime(entry.getTime());
                }
                // Compressed again on the way out: its compressed size is not known before.
                copy.setCompressedSize(-1);
                if (copy.getMethod() == ZipEntry.STORED) {
                    copy.setSize(content.length);
                }
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The JAR specification's signature-related files: directly in META-INF, named *.SF, *.DSA, *.RSA, *.EC or SIG-*. */
    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        String file = upper.substring("META-INF/".length());
        return file.endsWith(".SF") || file.endsWith(".DSA") || file.endsWith(".RSA") || file.endsWith(".EC")
                || file.startsWith("SIG-");
    }

    /** The manifest without the per-entry digests (SHA-256-Digest and the like), and without sections left empty. */
    private static byte[] withoutDigests(byte[] manifestBytes) throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        Iterator<Map.Entry<String, Attributes>> sections = manifest.getEntries().entrySet().iterator();
        while (sections.hasNext()) {
            Attributes attributes = sections.next().getValue();
            attributes.keySet().removeIf(name -> name.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
            if (attributes.isEmpty()) {
                sections.remove();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manifest.write(out);
        return out.toByteArray();
    }
}
