package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.fat.CheckReport;
import dev.unikernel.fat.Fat16;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code check IMAGE}: read-only consistency check; exit 0 when clean, 1 when not. */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "check IMAGE   (exit 0 when clean, 1 when not)";
    }

    @Override
    public int run(Arguments args, PrintStream out) throws Exception {
        Path image = Path.of(args.positional(1, 1, usage()).getFirst());
        args.checkAllUsed();
        try (BlockDevice device = ImageDevices.open(image, args, true)) {
            CheckReport report = Fat16.check(device);
            report.lines().forEach(out::println);
            out.println(image + ": " + (report.isClean() ? "clean" : "NOT clean"));
            return report.isClean() ? 0 : 1;
        }
    }
}
