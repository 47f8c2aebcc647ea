package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes the outputs: every target's under {@code target/unikernel/}, or only those named by an
 * explicit {@code -Dtarget}.
 */
@Mojo(name = "clean", threadSafe = true)
public class CleanMojo extends AbstractUnikernelMojo {

    /** Skips this goal ({@code unikernel.skip} skips every goal). */
    @Parameter(property = "unikernel.clean.skip", defaultValue = "false")
    protected boolean skipClean;

    @Inject
    public CleanMojo() {
        super(null); // deletes files: resolves nothing
    }

    @Override
    protected boolean skipGoal() {
        return skipClean;
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        boolean explicit = session.getUserProperties().getProperty("target") != null
                || session.getUserProperties().getProperty("unikernel.target") != null;
        try {
            if (explicit) {
                for (Target target : targets()) {
                    delete(targetDirectory(target));
                }
            } else {
                delete(outputDirectory.toPath());
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot delete outputs: " + e.getMessage(), e);
        }
    }

    private void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
        getLog().info("Deleted " + root);
    }
}
