package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Deletes the outputs: every target's under {@code target/unikernel/}, or only those named by an
 * explicit {@code -Dtarget}.
 */
@Mojo(name = "clean", threadSafe = true)
public class CleanMojo extends AbstractUnikernelMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("unikernel: skipped");
            return;
        }
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
