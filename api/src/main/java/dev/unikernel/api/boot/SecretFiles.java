package dev.unikernel.api.boot;

import dev.unikernel.api.TrustedFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The check every target makes of a secret key's file before reading it (runtime-unix, runtime-oci). */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Refuses, as a key problem naming the file and the fix, a file holding {@code spec}'s secret that
     * group or others may read or change ({@link TrustedFiles#checkPrivate}). A missing file passes:
     * reading it reports that the source's own way.
     */
    public static void check(Path file, KeySpec spec) throws KeyException {
        try {
            TrustedFiles.checkPrivate(file, spec.name() + " file");
        } catch (NoSuchFileException e) {
            // Said by the read that follows.
        } catch (IOException e) {
            throw new KeyException(e.getMessage());
        }
    }
}
