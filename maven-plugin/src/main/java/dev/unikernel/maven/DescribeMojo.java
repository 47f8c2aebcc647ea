package dev.unikernel.maven;

import dev.unikernel.engine.GraphRenderer;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes the device graph as Graphviz DOT to {@code target/unikernel/<target>/graph.dot}, and as SVG
 * beside it when Graphviz's {@code dot} is installed.
 */
@Mojo(name = "describe", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class DescribeMojo extends AbstractUnikernelMojo {

    /** The Graphviz program that renders SVG; skipped with a note when it is not installed. */
    @Parameter(property = "unikernel.dot", defaultValue = "dot")
    protected String dot;

    /** Skips this goal ({@code unikernel.skip} skips every goal). */
    @Parameter(property = "unikernel.describe.skip", defaultValue = "false")
    protected boolean skipDescribe;

    @Inject
    public DescribeMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected boolean skipGoal() {
        return skipDescribe;
    }

    @Override
    protected void executeGoal() throws MojoExecutionException, MojoFailureException {
        for (Target target : targets()) {
            try {
                Plan plan = plan(target);
                PlanSummary.log(plan, getLog());
                Path graph = targetDirectory(target).resolve("graph.dot");
                Files.createDirectories(graph.getParent());
                Files.writeString(graph, GraphRenderer.toDot(plan));
                getLog().info("Wrote " + graph);
                renderSvg(graph);
            } catch (UnikernelException e) {
                throw failure(e);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write the device graph: " + e.getMessage(), e);
            }
        }
    }

    private void renderSvg(Path graph) throws IOException {
        Path svg = graph.resolveSibling("graph.svg");
        Process process;
        try {
            process = new ProcessBuilder(dot, "-Tsvg", "-o", svg.toString(), graph.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            getLog().info("Graphviz '" + dot + "' is not installed, so no SVG (Debian: apt-get install graphviz)");
            return;
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                getLog().warn("Graphviz took over 60 s; no SVG written");
            } else if (process.exitValue() != 0) {
                getLog().warn("Graphviz failed: " + new String(process.getInputStream().readAllBytes()).trim());
            } else {
                getLog().info("Wrote " + svg);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
