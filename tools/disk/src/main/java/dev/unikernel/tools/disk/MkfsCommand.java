package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FatType;
import dev.unikernel.fat.FormatOptions;
import dev.unikernel.fat.FormatResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mkfs IMAGE [--size 64M] [--fat 16|32] ...}: a new FAT16 or FAT32 file system (FAT32 above 2 GiB
 * unless --fat says); without --size, formats an existing image.
 */
@Command(name = "mkfs", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Make a FAT16 or FAT32 file system: a new image of --size bytes, or over an existing image without it.")
final class MkfsCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The disk image.")
    Path image;

    @Option(names = "--size", paramLabel = "SIZE", description = "Create a new image of SIZE (64M, 1G); it must not exist.")
    String size;

    @Option(names = "--label", paramLabel = "LABEL", defaultValue = "", description = "Volume label (up to 11 characters).")
    String label;

    @Option(names = "--sector-size", paramLabel = "512|4096", defaultValue = "512",
            description = "Sector size (with --luks: the encryption sector size) (default: ${DEFAULT-VALUE}).")
    int sectorSize;

    @Option(names = "--cluster-size", paramLabel = "SIZE", description = "Cluster size, e.g. 4K (default: chosen from the size).")
    String clusterSize;

    @Option(names = "--fat", paramLabel = "16|32",
            description = "FAT16 or FAT32 (default: FAT16 up to 2 GiB, FAT32 above, where FAT16 would need 64 KiB clusters).")
    Integer fat;

    @Mixin
    ImageDevices devices;

    @Mixin
    KdfOptions kdf;

    MkfsCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        FormatOptions options = FormatOptions.defaults().withLabel(label);
        try {
            if (clusterSize != null) {
                options = options.withClusterBytes(Math.toIntExact(ByteSize.parse(clusterSize).bytes()));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UsageException("--cluster-size: " + e.getMessage());
        }
        if (fat != null) {
            options = options.withFatType(switch (fat) {
                case 16 -> FatType.FAT16;
                case 32 -> FatType.FAT32;
                default -> throw new UsageException("--fat: " + fat + " is not a FAT type this tool makes: use 16 or 32");
            });
        }
        long bytes;
        try {
            bytes = size == null ? 0 : ByteSize.parse(size).bytes();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--size: " + e.getMessage());
        }
        try (BlockDevice device = size == null
                ? devices.open(image, false, io, name())
                : devices.create(image, bytes, sectorSize, kdf.kdf(), io, name())) {
            FormatResult result = Fat16.format(device, options);
            result.warnings().forEach(w -> io.warn(name(), w));
            io.out().println(image + ": " + result.type() + ", " + result.clusterCount() + " clusters of " + result.clusterBytes()
                    + " bytes, " + new ByteSize(result.dataBytes()) + " for files");
        }
        return 0;
    }
}
