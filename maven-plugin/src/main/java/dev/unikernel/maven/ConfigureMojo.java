package dev.unikernel.maven;

import dev.unikernel.engine.Configurator;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Derives the device graph from the application's constructor, checks that the target provides every
 * device, and writes the generated {@code Main} to {@code target/unikernel/<target>/generated/}.
 */
@Mojo(name = "configure", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class ConfigureMojo extends AbstractUnikernelMojo {

    /** Skips this goal ({@code unikernel.skip} skips every goal). */
    @Parameter(property = "unikernel.configure.skip", defaultValue = "false")
    protected boolean skipConfigure;

    @Inject
    public ConfigureMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected boolean skipGoal() {
        return skipConfigure;
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        for (Target target : targets()) {
            try {
                Plan plan = plan(target);
                PlanSummary.log(plan, getLog());
                Configurator.write(plan, targetDirectory(target), plugin.getVersion(), buildLog());
            } catch (UnikernelException e) {
                throw failure(e);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write the configuration for target " + target.name() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
