package dev.unikernel.tools.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Copy progress on stderr (never stdout, which may carry the data): one line per file, rewritten in
 * place with a carriage return, at most every 200 ms. Off unless asked for or stderr is a terminal.
 */
final class Progress {

    private static final long INTERVAL_NANOS = 200_000_000L;
    private static final Progress OFF = new Progress(null);

    private final PrintStream err;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** {@code asked}: --progress; otherwise shown only when the tool runs on a terminal. */
    static Progress of(boolean asked, Io io) {
        return asked || io.console() != null ? new Progress(io.err()) : OFF;
    }

    /** Copies {@code in} to {@code out}, reporting under {@code name}; {@code size} is -1 when unknown. */
    long copy(InputStream in, OutputStream out, String name, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = 0;
        long last = System.nanoTime();
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            done += n;
            if (err != null && System.nanoTime() - last >= INTERVAL_NANOS) {
                last = System.nanoTime();
                show(name, done, size, false);
            }
        }
        if (err != null) {
            show(name, done, size, true);
        }
        return done;
    }

    private void show(String name, long done, long size, boolean finished) {
        String amount = HumanSize.of(done) + (size >= 0 ? " / " + HumanSize.of(size) : "");
        String percent = size > 0 ? String.format(java.util.Locale.ROOT, " %3d%%", done * 100 / size) : "";
        err.print("\r" + name + ": " + amount + percent + (finished ? "\n" : ""));
        err.flush();
    }
}
