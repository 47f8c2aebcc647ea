package dev.unikernel.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the build trains the unix target's AOT cache: the program runs once with these runtime keys,
 * is asked to stop {@code stopAfter} after it started (unless it ends by itself first), and the JVM
 * writes what it loaded, linked and profiled into the cache that the launcher then uses.
 *
 * @param enabled          false when the project configures no training: no cache is made
 * @param arguments        the program's arguments in the training run ({@code --key=value}, secrets by file)
 * @param stopAfter        how long after its start a program still running is asked to stop
 * @param workingDirectory the training run's working directory (relative paths in the arguments)
 * @param connectTo        a port on 127.0.0.1 ({@code {free-port}} allowed) that the build connects to a
 *                         few times while the program runs, reading what it sends first, so that the cache
 *                         also holds the code that accepts and answers a connection; empty: none
 * @param keepJarSignatures keep signed jars signed in {@code lib/}; by default they are copied without
 *                         their signatures, because the JVM can cache no class of a signed jar
 */
public record AotTraining(boolean enabled, List<String> arguments, Duration stopAfter, Path workingDirectory,
        String connectTo, boolean keepJarSignatures) {

    public static final Duration DEFAULT_STOP_AFTER = Duration.ofSeconds(10);

    /** A training run without connections, signed jars unsigned. */
    public AotTraining(boolean enabled, List<String> arguments, Duration stopAfter, Path workingDirectory) {
        this(enabled, arguments, stopAfter, workingDirectory, "", false);
    }

    public AotTraining {
        arguments = List.copyOf(arguments);
        connectTo = connectTo == null ? "" : connectTo.trim();
        if (!connectTo.isEmpty() && !connectTo.equals(FreePort.PLACEHOLDER) && !connectTo.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("<aotTraining><connectTo> '" + connectTo + "' is no port: write a number or "
                    + FreePort.PLACEHOLDER + " (the port the training run's arguments got)");
        }
        if (stopAfter.isNegative()) {
            throw new IllegalArgumentException("<aotTraining><stopAfter> must not be negative: " + stopAfter);
        }
    }

    public static AotTraining none() {
        return new AotTraining(false, List.of(), DEFAULT_STOP_AFTER, Path.of("."));
    }

    /**
     * Parses {@code <stopAfter>}: a number with {@code ms} or {@code s} ({@code 500ms}, {@code 5s}),
     * a bare number meaning seconds; empty means the default.
     */
    public static Duration parseStopAfter(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_STOP_AFTER;
        }
        String value = text.trim();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).trim()));
            }
            if (value.endsWith("s")) {
                value = value.substring(0, value.length() - 1).trim();
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("<aotTraining><stopAfter> '" + text
                    + "' is not a time: write seconds or milliseconds, e.g. 5s or 500ms");
        }
    }
}
