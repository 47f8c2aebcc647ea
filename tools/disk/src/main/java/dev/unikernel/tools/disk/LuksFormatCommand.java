package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Secret;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code luks-format IMAGE [--size N] -d F ...}: a LUKS2 container cryptsetup opens; without --size,
 * formats an existing image (destroying its header and keyslots), which, as with cryptsetup, needs
 * a typed YES or {@code --batch-mode}.
 */
@Command(name = "luks-format", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        description = "Make a LUKS2 container, like cryptsetup luksFormat --type luks2: a new image of --size bytes,"
                + " or over an existing image (asks for YES, or give -q).")
final class LuksFormatCommand extends ToolCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image.")
    Path image;

    @Option(names = "--size", paramLabel = "SIZE", description = "Create a new image of SIZE (20M, 1G); it must not exist.")
    String size;

    @Option(names = {"-d", "--key-file"}, paramLabel = "FILE",
            description = "The passphrase of keyslot 0, every byte of FILE (a trailing newline included), as cryptsetup"
                    + " reads it; - is standard input; asked for (twice) on a terminal without it.")
    String keyFile;

    /** The earlier name of this option: still accepted, no longer shown. */
    @Option(names = "--passphrase-file", hidden = true, paramLabel = "FILE")
    void deprecatedKeyFile(String file) {
        keyFile = file;
    }

    @Option(names = "--sector-size", paramLabel = "512|4096", defaultValue = "4096",
            description = "Encryption sector size (default: ${DEFAULT-VALUE}).")
    int sectorSize;

    @Option(names = "--label", paramLabel = "LABEL", defaultValue = "", description = "LUKS2 label.")
    String label;

    @Option(names = {"-q", "--batch-mode"}, description = "Do not ask for confirmation before formatting an existing image.")
    boolean batch;

    @Mixin
    KdfOptions kdf;

    LuksFormatCommand(Io io) {
        super(io);
    }

    @Override
    public Integer call() throws Exception {
        LuksFormatOptions options;
        long bytes;
        try {
            options = LuksFormatOptions.defaults().withKdf(kdf.kdf()).withSectorSize(sectorSize).withLabel(label);
            bytes = size == null ? 0 : ByteSize.parse(size).bytes();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (size == null) {
            confirmOverwrite();
        }
        try (Secret passphrase = KeyFiles.read(keyFile, "--key-file", "Enter passphrase for " + image, true, io, name())) {
            BlockDevice raw = size == null ? ImageDevices.openRaw(image, false) : FileBlockDevice.create(image, bytes, 512);
            try (LuksDevice volume = Luks.format(raw, passphrase, options)) {
                io.out().println(image + ": LUKS2 " + volume.uuid() + ", aes-xts-plain64, " + volume.sectorSize() + "-byte sectors, "
                        + new ByteSize(volume.sizeInBytes()) + " for data, keyslot 0 (" + options.kdf().type() + ")");
            }
        }
        return 0;
    }

    private void confirmOverwrite() throws UsageException {
        if (batch) {
            return;
        }
        String question = "This will overwrite data on " + image + " irrevocably.";
        if (io.console() == null) {
            throw new UsageException(question + " Give -q (--batch-mode) to confirm, or --size to make a new image.");
        }
        String answer = io.console().readLine("%s%nAre you sure? (Type 'yes' in capital letters): ", question);
        if (!"YES".equals(answer)) {
            throw new UsageException("not confirmed: " + image + " is unchanged");
        }
    }
}
