package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/** build and build-no-fork: build every target, and attach the outputs when part of a project's build. */
abstract class AbstractPackageMojo extends AbstractBuildMojo {

    /** Skips build and build-no-fork ({@code unikernel.skip} skips every goal). */
    @Parameter(property = "unikernel.build.skip", defaultValue = "false")
    protected boolean skipBuild;

    /**
     * Attach each target's outputs to the project, classifier the target's name, when the goal runs as
     * a step of the build (bound in {@code <executions>}), so {@code install} and {@code deploy} carry
     * them: {@code oci} the image tar, {@code vm} and {@code unix} a tar.gz of the outputs.
     */
    @Parameter(property = "unikernel.attach", defaultValue = "true")
    protected boolean attach;

    private final MavenProjectHelper projectHelper;

    protected AbstractPackageMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper) {
        super(repositorySystem);
        this.projectHelper = projectHelper;
    }

    @Override
    protected boolean skipGoal() {
        return skipBuild;
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        // Called on the command line, nothing installs what it built: only a build step attaches.
        boolean attaching = attach && mojoExecution.getSource() == MojoExecution.Source.LIFECYCLE;
        AttachedOutputs outputs = new AttachedOutputs(project, projectHelper, getLog());
        for (Target target : targets()) {
            Path artifact = build(target);
            if (attaching) {
                try {
                    outputs.attach(target, name, targetDirectory(target), artifact, creationTime(outputTimestamp()));
                } catch (IOException e) {
                    throw new MojoExecutionException("cannot archive the " + target.name() + " outputs: "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
