package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Host files handed to the VM through qemu fw_cfg ({@code -fw_cfg name=opt/unikernel/files/<key>,file=...},
 * which run-qemu adds for a path key naming a host file), copied at boot to
 * {@code /run/unikernel/files/<key>} with mode 0600: a real file the application can open, check
 * the permissions of, and read like on unix.
 */
final class FirmwareFiles {

    static final Path TARGET = Path.of("/run/unikernel/files");
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private FirmwareFiles() {
    }

    /** Copies every handed-over file from {@code fwCfg} (the by_name directory); returns their key names. */
    static List<String> copyAll(Path fwCfg) throws IOException {
        Path files = fwCfg.resolve("opt/unikernel/files");
        List<String> copied = new ArrayList<>();
        if (!Files.isDirectory(files)) {
            return copied;
        }
        Files.createDirectories(TARGET);
        try (Stream<Path> entries = Files.list(files)) {
            for (Path entry : entries.sorted().toList()) {
                Path raw = entry.resolve("raw");
                if (!Files.isRegularFile(raw)) {
                    continue;
                }
                Path target = TARGET.resolve(entry.getFileName().toString());
                // Made 0600, never readable by others for a moment (a host key, a password hash).
                Files.deleteIfExists(target);
                try (SeekableByteChannel out = Files.newByteChannel(target,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY)) {
                    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
                copied.add(entry.getFileName().toString());
            }
        }
        return copied;
    }
}
