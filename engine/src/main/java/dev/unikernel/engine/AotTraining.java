package dev.unikernel.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the build trains the unix target's AOT cache: the program runs once with these runtime keys,
 * is asked to stop {@code stopAfter} after it started, or when its workload ends (unless it ends by
 * itself first), and the JVM writes what it loaded, linked and profiled into the cache that the
 * launcher then uses.
 *
 * @param enabled          false when the project configures no training: no cache is made
 * @param arguments        the program's arguments in the training run ({@code --key=value}, secrets by file)
 * @param stopAfter        how long after its start a program still running is asked to stop (without a
 *                         workload; with one, how long the build waits for the {@code connectTo} connections)
 * @param workingDirectory the training run's working directory (relative paths in the arguments)
 * @param connectTo        a port on 127.0.0.1 ({@code {free-port}} allowed) that the build connects to a
 *                         few times while the program runs, reading what it sends first, so that the cache
 *                         also holds the code that accepts and answers a connection; empty: none
 * @param keepJarSignatures keep signed jars signed in {@code lib/}; by default they are copied without
 *                         their signatures, because the JVM can cache no class of a signed jar
 * @param workload         a client run against the program once it listens (after the {@code connectTo}
 *                         connections); the program is then asked to stop when it ends, not after
 *                         {@code stopAfter}, which only bounds the wait for those connections
 */
public record AotTraining(boolean enabled, List<String> arguments, Duration stopAfter, Path workingDirectory,
        String connectTo, boolean keepJarSignatures, TrainingWorkload workload) {

    public static final Duration DEFAULT_STOP_AFTER = Duration.ofSeconds(10);
    /**
     * With a workload the build asks the program to stop when the workload ends; its own timer stays
     * as a net this long after the workload's limit, so that a server whose build was killed still ends.
     */
    static final Duration WORKLOAD_STOP_MARGIN = Duration.ofMinutes(1);

    /** A training run without connections, signed jars unsigned. */
    public AotTraining(boolean enabled, List<String> arguments, Duration stopAfter, Path workingDirectory) {
        this(enabled, arguments, stopAfter, workingDirectory, "", false);
    }

    /** A training run without a workload. */
    public AotTraining(boolean enabled, List<String> arguments, Duration stopAfter, Path workingDirectory,
            String connectTo, boolean keepJarSignatures) {
        this(enabled, arguments, stopAfter, workingDirectory, connectTo, keepJarSignatures, TrainingWorkload.none());
    }

    public AotTraining {
        arguments = List.copyOf(arguments);
        workload = workload == null ? TrainingWorkload.none() : workload;
        connectTo = connectTo == null ? "" : connectTo.trim();
        if (!connectTo.isEmpty() && !connectTo.equals(FreePort.PLACEHOLDER) && !connectTo.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("<aotTraining><connectTo> '" + connectTo + "' is no port: write a number or "
                    + FreePort.PLACEHOLDER + " (the port the training run's arguments got)");
        }
        if (stopAfter.isNegative()) {
            throw new IllegalArgumentException("<aotTraining><stopAfter> must not be negative: " + stopAfter);
        }
    }

    /**
     * When the program's own timer asks it to stop: {@code stopAfter}, or with a workload, only as a net
     * after the connections' and the workload's limits (the build stops it when the workload ends).
     */
    public Duration programStopAfter() {
        return workload.present() ? stopAfter.plus(workload.timeout()).plus(WORKLOAD_STOP_MARGIN) : stopAfter;
    }

    public static AotTraining none() {
        return new AotTraining(false, List.of(), DEFAULT_STOP_AFTER, Path.of("."));
    }

    /**
     * Parses {@code <stopAfter>}: a number with {@code ms} or {@code s} ({@code 500ms}, {@code 5s}),
     * a bare number meaning seconds; empty means the default.
     */
    public static Duration parseStopAfter(String text) {
        return parseTime("<aotTraining><stopAfter>", text, DEFAULT_STOP_AFTER);
    }

    /** Parses {@code <workload><timeout>} as {@link #parseStopAfter} parses its element. */
    public static Duration parseWorkloadTimeout(String text) {
        return parseTime("<aotTraining><workload><timeout>", text, TrainingWorkload.DEFAULT_TIMEOUT);
    }

    private static Duration parseTime(String element, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
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
            throw new IllegalArgumentException(element + " '" + text
                    + "' is not a time: write seconds or milliseconds, e.g. 5s or 500ms");
        }
    }
}
