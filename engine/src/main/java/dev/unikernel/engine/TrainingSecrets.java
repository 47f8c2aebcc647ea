package dev.unikernel.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The AOT training run's secret files ({@code --KEY-file=PATH}, the unix spelling of a secret key)
 * handed to the program as private copies (0600, made so, not changed after): the program refuses a
 * secret file others may read, and a file checked into git, as a training passphrase for a throwaway
 * disk is, checks out 0644. The copies live in the build's own directory, at names that do not change,
 * so the cache's stamp does not either.
 */
final class TrainingSecrets {

    private TrainingSecrets() {
    }

    /** {@code command} with each {@code --KEY-file=PATH} naming a private copy of PATH in {@code directory}. */
    static List<String> privateCopies(List<String> command, Path directory) throws IOException {
        List<String> out = new ArrayList<>(command.size());
        for (String word : command) {
            int equals = word.indexOf('=');
            if (!word.startsWith("--") || equals < 0 || !word.substring(0, equals).endsWith("-file")) {
                out.add(word);
                continue;
            }
            String key = word.substring(2, equals - "-file".length());
            Path source = Path.of(word.substring(equals + 1));
            if (!Files.isRegularFile(source)) {
                out.add(word);
                continue;
            }
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Path temporary = Files.createTempFile(directory, key + ".", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temporary, Files.readAllBytes(source));
                Path copy = directory.resolve(key);
                Files.move(temporary, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                out.add(word.substring(0, equals + 1) + copy);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return out;
    }
}
