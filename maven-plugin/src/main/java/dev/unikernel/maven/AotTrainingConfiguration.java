package dev.unikernel.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <aotTraining>} element: the program's arguments in the unix target's AOT training run
 * and when to ask it to stop. Maven fills the fields by their names.
 */
public class AotTrainingConfiguration {

    /** The program's runtime keys in the training run, one {@code <argument>} each, secrets by file. */
    private List<String> arguments = new ArrayList<>();

    /** How long after its start a program still running is asked to stop: {@code 5s}, {@code 500ms}. */
    private String stopAfter;

    public List<String> getArguments() {
        return arguments;
    }

    public String getStopAfter() {
        return stopAfter;
    }
}
