package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/** Builds for the target and runs the result in the foreground; Ctrl-C stops it. */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends AbstractBuildMojo {

    /** Arguments for the program, split on spaces, e.g. {@code -Dunikernel.args="--name=Ada"}. */
    @Parameter(property = "unikernel.args")
    protected String args;

    /** Skips this goal ({@code unikernel.skip} skips every goal). */
    @Parameter(property = "unikernel.run.skip", defaultValue = "false")
    protected boolean skipRun;

    @Inject
    public RunMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected boolean skipGoal() {
        return skipRun;
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        List<Target> targets = targets();
        if (targets.size() != 1) {
            throw new MojoFailureException("unikernel:run runs one target at a time; -Dtarget (or <target>) names "
                    + targets.size() + ": give one, e.g. -Dtarget=" + targets.getFirst().name());
        }
        Target target = targets.getFirst();
        Path artifact = build(target);
        List<String> programArguments = new ArrayList<>();
        if (args != null && !args.isBlank()) {
            programArguments.addAll(List.of(args.trim().split("\\s+")));
        }
        int code = runForeground(target.packager().runCommand(artifact, programArguments));
        if (code != 0) {
            throw new MojoFailureException(name + " exited with code " + code);
        }
    }

    private int runForeground(List<String> command) throws MojoExecutionException {
        getLog().info("Running " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "unikernel-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new MojoExecutionException("interrupted while " + name + " was running", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is stopping the program.
            }
        }
    }
}
