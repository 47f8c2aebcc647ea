package dev.unikernel.tools.disk;

import dev.unikernel.luks.Luks;
import dev.unikernel.runtime.unix.FileBlockDevice;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code luks-dump IMAGE}: the LUKS2 header, laid out like {@code cryptsetup luksDump}; needs no passphrase. */
final class LuksDumpCommand implements Command {

    @Override
    public String name() {
        return "luks-dump";
    }

    @Override
    public String usage() {
        return "luks-dump IMAGE";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        args.checkAllUsed();
        try (FileBlockDevice raw = FileBlockDevice.open(image, true)) {
            out.print(Luks.dump(raw));
        }
        return 0;
    }
}
