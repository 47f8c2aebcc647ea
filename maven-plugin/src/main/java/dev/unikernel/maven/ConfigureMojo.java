package dev.unikernel.maven;

import dev.unikernel.engine.Configurator;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Derives the device graph from the application's constructor, checks that the target provides every
 * device, and writes the generated {@code Main} to {@code target/unikernel/<target>/generated/}.
 */
@Mojo(name = "configure", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class ConfigureMojo extends AbstractUnikernelMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("unikernel: skipped");
            return;
        }
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
