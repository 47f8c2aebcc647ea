package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Secret;
import dev.unikernel.luks.Luks;
import dev.unikernel.luks.LuksDevice;
import dev.unikernel.luks.LuksFormatOptions;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code luks-format IMAGE [--size N] --passphrase-file F [--pbkdf argon2id|pbkdf2] [--iter-time MS]
 * [--sector-size 512|4096] [--label L]}: a LUKS2 container cryptsetup opens; without --size, formats
 * an existing image (destroying its header and keyslots).
 */
final class LuksFormatCommand implements Command {

    @Override
    public String name() {
        return "luks-format";
    }

    @Override
    public String usage() {
        return "luks-format IMAGE [--size N] --passphrase-file F [--pbkdf argon2id|pbkdf2] [--iter-time MS]"
                + " [--sector-size 512|4096] [--label L]";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        String size = args.option("--size", null);
        LuksFormatOptions options;
        try {
            options = LuksFormatOptions.defaults()
                    .withKdf(LuksOptions.kdf(args))
                    .withSectorSize(Integer.parseInt(args.option("--sector-size", "4096")))
                    .withLabel(args.option("--label", ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (Secret passphrase = LuksOptions.passphrase(args, "--passphrase-file")) {
            args.checkAllUsed();
            BlockDevice raw = size == null ? FileBlockDevice.open(image, false)
                    : FileBlockDevice.create(image, ByteSize.parse(size).bytes(), 512);
            try (LuksDevice volume = Luks.format(raw, passphrase, options)) {
                out.println(image + ": LUKS2 " + volume.uuid() + ", aes-xts-plain64, " + volume.sectorSize() + "-byte sectors, "
                        + new ByteSize(volume.sizeInBytes()) + " for data, keyslot 0 (" + options.kdf().type() + ")");
            }
        }
        return 0;
    }
}
