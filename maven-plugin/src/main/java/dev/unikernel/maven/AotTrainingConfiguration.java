package dev.unikernel.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <aotTraining>} element: the program's arguments in the unix target's AOT training run,
 * when to ask it to stop, the port to connect to meanwhile, a workload to run against it, and what to
 * do with signed jars. Maven fills the fields by their names.
 */
public class AotTrainingConfiguration {

    /** The program's runtime keys in the training run, one {@code <argument>} each, secrets by file. */
    private List<String> arguments = new ArrayList<>();

    /** How long after its start a program still running is asked to stop: {@code 5s}, {@code 500ms}. */
    private String stopAfter;

    /**
     * A port on 127.0.0.1 (or {@code {free-port}}) the build connects to a few times during the training
     * run, reading what the program sends first: the cache then holds the code that answers a connection.
     */
    private String connectTo;

    /**
     * A client run against the program once it listens (after the {@code connectTo} connections); the
     * program is asked to stop when it ends, instead of after {@code stopAfter}.
     */
    private WorkloadConfiguration workload;

    /** Keep signed jars signed in {@code lib/} (by default copied without signatures, which the cache cannot hold). */
    private boolean keepJarSignatures;

    public String getConnectTo() {
        return connectTo;
    }

    public WorkloadConfiguration getWorkload() {
        return workload;
    }

    public boolean isKeepJarSignatures() {
        return keepJarSignatures;
    }

    public List<String> getArguments() {
        return arguments;
    }

    public String getStopAfter() {
        return stopAfter;
    }
}
