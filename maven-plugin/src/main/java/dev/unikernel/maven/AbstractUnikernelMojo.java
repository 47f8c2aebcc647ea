package dev.unikernel.maven;

import dev.unikernel.engine.ApplicationInspector;
import dev.unikernel.engine.ApplicationModel;
import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.Catalogue;
import dev.unikernel.engine.CatalogueReader;
import dev.unikernel.engine.DeviceStacks;
import dev.unikernel.engine.KeyDefaults;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Planner;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.Targets;
import dev.unikernel.engine.UnikernelException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;

/** Parameters every goal shares, and the one path from parameters to plans. */
abstract class AbstractUnikernelMojo extends AbstractMojo {

    /**
     * The target, or several separated by commas: {@code unix}, {@code vm}, {@code oci}. Also set by
     * {@code -Dtarget=...}, which wins over this parameter.
     */
    @Parameter(property = "unikernel.target", defaultValue = "unix")
    protected String target;

    /**
     * The application's entry class: implements {@code dev.unikernel.api.Application}; its public
     * constructor's parameters are its devices and keys. When empty, the one such class among the
     * project's classes is used.
     */
    @Parameter(property = "unikernel.application")
    protected String application;

    /** The program's name: {@code bin/<name>} on unix, the VM's and the image's name. */
    @Parameter(property = "unikernel.name", defaultValue = "${project.artifactId}")
    protected String name;

    /** Where outputs go; each target gets a directory of its own below it. */
    @Parameter(property = "unikernel.outputDirectory", defaultValue = "${project.build.directory}/unikernel")
    protected File outputDirectory;

    /**
     * Key defaults set at build time, one per element: {@code key=value} for every target, or
     * {@code target:key=value} for one (e.g. {@code vm:port=22}). Still overridable at run time.
     */
    @Parameter
    protected List<String> keyDefaults = new ArrayList<>();

    /**
     * Device stacks, one per element, as mirage's config.ml composes them: {@code device=stack} for
     * every target or {@code target:device=stack} for one, e.g. {@code volume=fat(luks(disk))} or
     * {@code vm:volume=fat(memory)}. A word in a stack is a provider's name, or else another device's.
     * A device no entry names gets its contract's one provider on the target (or the preferred one).
     * {@code -Dunikernel.devices=...} (entries separated by commas) wins over these.
     */
    @Parameter
    protected List<String> devices = new ArrayList<>();

    /**
     * Directories baked into the program, one element per device that reads one, named after it:
     * {@code <site>src/site</site>}. The vm target places each in the initramfs and the oci target in
     * an image layer, at {@code /files/<device>} (where runtime providers such as {@code directory}
     * look by default); unix reads a host directory named by the device's key at run time.
     */
    @Parameter
    protected Map<String, File> files = new LinkedHashMap<>();

    /** Skips every goal of the plugin; each goal also has a skip of its own ({@code unikernel.build.skip}, ...). */
    @Parameter(property = "unikernel.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /** Maven's resolver, injected through the concrete goal's constructor (null for a goal that resolves nothing). */
    protected final RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    protected RepositorySystemSession repositorySession;

    private final Map<String, List<Path>> runtimes = new HashMap<>();

    protected AbstractUnikernelMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    /** The goal's own skip ({@code unikernel.<goal>.skip}). */
    protected abstract boolean skipGoal();

    /** What the goal does, unless skipped. */
    protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("unikernel: skipped (" + (skip ? "unikernel.skip" : "unikernel." + goalName() + ".skip") + ")");
            return;
        }
        executeGoal();
    }

    /** The goal's name without a -no-fork suffix: the part of its skip's property. */
    private String goalName() {
        String goal = mojoExecution == null ? "" : mojoExecution.getGoal();
        return goal.endsWith("-no-fork") ? goal.substring(0, goal.length() - "-no-fork".length()) : goal;
    }

    /** The targets chosen by {@code -Dtarget}, {@code -Dunikernel.target} or {@code <target>}. */
    protected List<Target> targets() throws MojoFailureException {
        String chosen = session.getUserProperties().getProperty("target");
        if (chosen == null || chosen.isBlank()) {
            chosen = target;
        }
        try {
            return Targets.parseList(chosen);
        } catch (UnikernelException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /**
     * Inspects the compiled application, reads the device catalogue of its class path and of the
     * target's runtime, and plans it for {@code target}.
     */
    protected Plan plan(Target target) throws UnikernelException, MojoExecutionException {
        ApplicationModel model = ApplicationInspector.inspect(classesDirectory(), dependencyJars(), application);
        List<Path> classpath = new ArrayList<>();
        classpath.add(classesDirectory());
        classpath.addAll(dependencyJars());
        classpath.addAll(runtimeJars(target));
        Catalogue catalogue = CatalogueReader.read(classpath);
        DeviceStacks stacks = DeviceStacks.parse(devices, session.getUserProperties().getProperty("unikernel.devices"),
                Targets.names());
        Map<String, Path> baked = new LinkedHashMap<>();
        files.forEach((device, directory) -> baked.put(device, directory.toPath()));
        return Planner.plan(model, catalogue, target, name, KeyDefaults.parse(keyDefaults), stacks, baked);
    }

    /** The target's runtime jars of the plugin's version, without those the application already has. */
    protected List<Path> runtimeJars(Target target) throws UnikernelException {
        List<Path> jars = runtimes.get(target.name());
        if (jars == null) {
            jars = new RuntimeResolver(repositorySystem, repositorySession, project).resolve(target, plugin.getVersion());
            runtimes.put(target.name(), jars);
        }
        return jars;
    }

    protected Path classesDirectory() {
        return Path.of(project.getBuild().getOutputDirectory());
    }

    /** The application's runtime dependencies, without its own classes. */
    protected List<Path> dependencyJars() throws MojoExecutionException {
        try {
            List<Path> jars = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                Path path = Path.of(element);
                if (!path.equals(classesDirectory())) {
                    jars.add(path);
                }
            }
            return jars;
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the project's dependencies are not resolved: " + e.getMessage(), e);
        }
    }

    protected Path targetDirectory(Target target) {
        return outputDirectory.toPath().resolve(target.name());
    }

    protected BuildLog buildLog() {
        return new MavenBuildLog(getLog());
    }

    /** Turns a user-fixable problem into a build failure with its message as it is. */
    protected static MojoFailureException failure(UnikernelException e) {
        return new MojoFailureException(e.getMessage(), e);
    }
}
