package dev.unikernel.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks inside a LUKS2 image without our code: cryptsetup reads the header and yields the volume
 * key, an independent AES-XTS (python3-cryptography) decrypts the data segment.
 */
final class LuksImages {

    private static final Path XTS = Command.ROOT.resolve("devices/luks/src/test/resources/dev/unikernel/luks/xts_reference.py");

    private LuksImages() {
    }

    /** Decrypts {@code image}'s data segment into {@code plain}, using the passphrase in {@code passphraseFile}. */
    static void decrypt(Path image, Path passphraseFile, Path plain) throws Exception {
        Path work = plain.getParent();
        String dump = Command.of(work, "cryptsetup", "luksDump", image.toString()).runOk(Duration.ofMinutes(1));
        long offset = number(dump, "offset:\\s+(\\d+) \\[bytes\\]");
        long sectorSize = number(dump, "sector:\\s+(\\d+) \\[bytes\\]");
        Path key = work.resolve("volume.key");
        Command.of(work, "cryptsetup", "luksDump", "--dump-volume-key", "--volume-key-file", key.toString(),
                "--batch-mode", "--key-file", passphraseFile.toString(), image.toString()).runOk(Duration.ofMinutes(2));
        try {
            Command.of(work, "/usr/bin/python3", XTS.toString(), "decrypt", image.toString(), key.toString(),
                    Long.toString(offset), Long.toString(sectorSize), plain.toString()).runOk(Duration.ofMinutes(10));
        } finally {
            Files.deleteIfExists(key);
        }
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }
}
