package dev.unikernel.tools.disk;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams one run of the tool talks to. {@code console} is the terminal when the tool runs on
 * one (stdin is the real System.in and a terminal), else null: only then does it prompt or show
 * progress by itself.
 */
record Io(InputStream in, PrintStream out, PrintStream err, Console console) {

    static Io of(InputStream in, PrintStream out, PrintStream err) {
        Console console = System.console();
        boolean terminal = in == System.in && err == System.err && console != null && console.isTerminal();
        return new Io(in, out, err, terminal ? console : null);
    }

    void warn(String command, String message) {
        err.println("disk " + command + ": warning: " + message);
    }
}
