package dev.unikernel.maven;

import dev.unikernel.engine.BuildInputs;
import dev.unikernel.engine.BuildOptions;
import dev.unikernel.engine.Builder;
import dev.unikernel.engine.OciOptions;
import dev.unikernel.engine.VmOptions;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/**
 * Configures, compiles the generated {@code Main}, links the target's runtime of the plugin's own
 * version, and packages the program into {@code target/unikernel/<target>/}.
 */
@Mojo(name = "build", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class BuildMojo extends AbstractUnikernelMojo {

    /** Bundle a jlink'ed Java runtime holding only the modules the program uses (found with jdeps). */
    @Parameter(property = "unikernel.jlink", defaultValue = "true")
    protected boolean jlink;

    /** Modules to add to the jlink'ed runtime beyond those jdeps finds, e.g. {@code jdk.crypto.cryptoki}. */
    @Parameter
    protected List<String> jlinkModules = new ArrayList<>();

    /** JVM options written into the launcher, e.g. {@code -Xmx256m}. */
    @Parameter
    protected List<String> javaOptions = new ArrayList<>();

    // ---- vm target parameters ----

    // ---- oci target parameters ----

    @Component
    protected RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    protected RepositorySystemSession repositorySession;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("unikernel: skipped");
            return;
        }
        for (Target target : targets()) {
            build(target);
        }
    }

    protected BuildOptions buildOptions() {
        return new BuildOptions(jlink, jlinkModules, javaOptions, vmOptions(), ociOptions());
    }

    protected VmOptions vmOptions() {
        return VmOptions.defaults();
    }

    protected OciOptions ociOptions() {
        return OciOptions.defaults();
    }

    /** Builds for one target and returns its main artifact. */
    protected Path build(Target target) throws MojoExecutionException, MojoFailureException {
        try {
            Plan plan = plan(target);
            PlanSummary.log(plan, getLog());
            List<Path> runtime = new RuntimeResolver(repositorySystem, repositorySession, project)
                    .resolve(target, plugin.getVersion());
            BuildInputs inputs = new BuildInputs(classesDirectory(), dependencyJars(), runtime,
                    project.getArtifactId() + "-" + project.getVersion() + ".jar", targetDirectory(target),
                    plugin.getVersion());
            return Builder.build(plan, inputs, buildOptions(), buildLog());
        } catch (UnikernelException e) {
            throw failure(e);
        } catch (IOException e) {
            throw new MojoExecutionException("building for target " + target.name() + " failed: " + e.getMessage(), e);
        }
    }
}
