package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.luks.LuksDevice;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code info IMAGE}: a summary of the volume (and its LUKS2 container): never a secret. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Summarise the image: FAT type, size, free space, label; with --luks the LUKS version, cipher, keyslots in use.")
final class InfoCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Mixin
    ImageDevices devices;

    InfoCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        try (MountedImage mounted = MountedImage.open(image, devices, true, io, name())) {
            BlockDevice device = mounted.device();
            if (device instanceof LuksDevice luks) {
                line("LUKS", "version 2, UUID " + luks.uuid());
                line("cipher", "aes-xts-plain64, " + luks.sectorSize() + "-byte sectors");
                line("keyslots", luks.keyslots().stream().map(String::valueOf).collect(Collectors.joining(" "))
                        + " (opened: " + luks.openedKeyslot() + ")");
            }
            FileStore store = Files.getFileStore(mounted.path("/"));
            line("file system", store.type().toUpperCase(java.util.Locale.ROOT));
            line("label", store.name().isEmpty() ? "(none)" : store.name());
            line("size", HumanSize.of(store.getTotalSpace()) + " (" + store.getTotalSpace() + " bytes)");
            line("free", HumanSize.of(store.getUnallocatedSpace()) + " (" + store.getUnallocatedSpace() + " bytes)");
            line("cluster", store.getBlockSize() + " bytes");
        }
        return 0;
    }

    private void line(String key, String value) {
        io.out().printf("%-12s %s%n", key + ":", value);
    }
}
