package dev.unikernel.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <aotTraining><workload>} element: a client the build runs against the program during its
 * AOT training run, so that the cache also holds profiles of the program's real work. Maven fills the
 * fields by their names.
 */
public class WorkloadConfiguration {

    /** A class with a {@code main} method on the application's runtime class path. */
    private String mainClass;

    /** Its arguments, one {@code <argument>} each; {@code {free-port}} is the training run's port. */
    private List<String> arguments = new ArrayList<>();

    /** How long it may run before the build kills it and fails: seconds or milliseconds ({@code 120s} by default). */
    private String timeout;

    public String getMainClass() {
        return mainClass;
    }

    public List<String> getArguments() {
        return arguments;
    }

    public String getTimeout() {
        return timeout;
    }
}
