package dev.unikernel.engine;

import java.time.Duration;
import java.util.List;

/**
 * A client the build runs against the program during its AOT training run
 * ({@code <aotTraining><workload>}): connections that only read a banner leave the cache without
 * profiles of the program's real work, so its first requests after a start run while the JIT catches
 * up. The workload is a main class on the application's class path, run in its own JVM (the jlink'ed
 * runtime, never recording a cache); when it ends, the program is asked to stop.
 *
 * @param mainClass the workload's main class; empty: no workload
 * @param arguments its arguments; {@code {free-port}} becomes the port the training run's arguments got
 * @param timeout   how long it may run before the build kills it and fails
 */
public record TrainingWorkload(String mainClass, List<String> arguments, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public TrainingWorkload {
        mainClass = mainClass == null ? "" : mainClass.trim();
        arguments = List.copyOf(arguments);
        if (!mainClass.isEmpty() && !mainClass.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
            throw new IllegalArgumentException("<aotTraining><workload><mainClass> '" + mainClass
                    + "' is no class name: write the workload's fully qualified class, e.g. com.example.Workload");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("<aotTraining><workload><timeout> must be positive: " + timeout);
        }
    }

    public static TrainingWorkload none() {
        return new TrainingWorkload("", List.of(), DEFAULT_TIMEOUT);
    }

    public boolean present() {
        return !mainClass.isEmpty();
    }
}
