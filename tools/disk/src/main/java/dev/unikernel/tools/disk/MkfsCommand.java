package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.fat.Fat16;
import dev.unikernel.fat.FormatOptions;
import dev.unikernel.fat.FormatResult;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code mkfs IMAGE --size 64M [--label L] [--sector-size 512|4096] [--cluster-size 4K]}; without --size, formats an existing image. */
final class MkfsCommand implements Command {

    @Override
    public String name() {
        return "mkfs";
    }

    @Override
    public String usage() {
        return "mkfs IMAGE [--size 64M] [--label L] [--sector-size 512|4096] [--cluster-size 4K]";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        String size = args.option("--size", null);
        int sectorSize = Integer.parseInt(args.option("--sector-size", "512"));
        FormatOptions options = FormatOptions.defaults().withLabel(args.option("--label", ""));
        String cluster = args.option("--cluster-size", null);
        if (cluster != null) {
            options = options.withClusterBytes(Math.toIntExact(ByteSize.parse(cluster).bytes()));
        }
        args.checkAllUsed();
        try (BlockDevice device = size == null
                ? ImageDevices.open(image, args, false)
                : ImageDevices.create(image, ByteSize.parse(size).bytes(), sectorSize, args)) {
            FormatResult result = Fat16.format(device, options);
            result.warnings().forEach(w -> System.err.println("disk mkfs: warning: " + w));
            out.println(image + ": FAT16, " + result.clusterCount() + " clusters of " + result.clusterBytes()
                    + " bytes, " + new ByteSize(result.dataBytes()) + " for files");
        }
        return 0;
    }
}
