package dev.unikernel.maven;

import dev.unikernel.engine.AotTraining;
import dev.unikernel.engine.BuildInputs;
import dev.unikernel.engine.BuildOptions;
import dev.unikernel.engine.Builder;
import dev.unikernel.engine.OciOptions;
import dev.unikernel.engine.VmOptions;
import dev.unikernel.engine.Plan;
import dev.unikernel.engine.Target;
import dev.unikernel.engine.TrainingWorkload;
import dev.unikernel.engine.UnikernelException;
import dev.unikernel.engine.oci.GitRevision;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

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

    /**
     * JVM options written into the launcher, e.g. {@code -Xmx256m}; {@code unix:-Xmx256m} applies to
     * one target only (unix, vm or oci).
     */
    @Parameter
    protected List<String> javaOptions = new ArrayList<>();

    // ---- unix target parameters ----

    /**
     * unix: train a Java AOT cache at build time and have the launcher use it: the program runs once
     * with these {@code <arguments>} (its runtime keys) and is asked to stop {@code <stopAfter>} (default
     * 10s) after it started, or with a {@code <workload>} when that client ends, unless it ends by itself
     * first. {@code {free-port}} in an argument becomes a free port on 127.0.0.1. Without this element no
     * cache is made.
     */
    @Parameter
    protected AotTrainingConfiguration aotTraining;

    /** unix: make the AOT cache configured by {@code <aotTraining>}; false builds without it (faster). */
    @Parameter(property = "unikernel.aot", defaultValue = "true")
    protected boolean aot;

    // ---- vm target parameters ----

    /** vm: the kernel (a bzImage) the VM boots; default the newest {@code /boot/vmlinuz-*}. */
    @Parameter(property = "unikernel.kernel")
    protected File kernel;

    /** vm: the kernel's module directory (holds modules.dep); default {@code /lib/modules/<its release>}. */
    @Parameter(property = "unikernel.kernelModules")
    protected File kernelModules;

    /** vm: kernel modules loaded at boot besides the virtio ones, e.g. {@code virtio_rng}. */
    @Parameter
    protected List<String> extraKernelModules = new ArrayList<>();

    /** vm: words added to the kernel command line, e.g. {@code loglevel=7}. */
    @Parameter
    protected List<String> kernelArguments = new ArrayList<>();

    /** vm: the VM's RAM in run-qemu and firecracker.json (run-qemu --memory=SIZE overrides it). */
    @Parameter(property = "unikernel.vm.memory", defaultValue = "256M")
    protected String vmMemory;

    /** vm: the VM's virtual CPUs. */
    @Parameter(property = "unikernel.vm.cpus", defaultValue = "1")
    protected int vmCpus;

    /**
     * vm: the Java heap's share of the VM's RAM, in percent (-XX:MaxRAMPercentage); 0 (the default)
     * sizes it from the RAM left after the initramfs, which stays in RAM, and the kernel's and JVM's needs.
     */
    @Parameter(property = "unikernel.vm.heapPercentage", defaultValue = "0")
    protected int vmHeapPercentage;

    /** vm: an uncompressed vmlinux for firecracker.json (Firecracker cannot boot a bzImage). */
    @Parameter(property = "unikernel.firecrackerKernel")
    protected File firecrackerKernel;

    // ---- oci target parameters ----

    /**
     * oci: a base image, e.g. {@code eclipse-temurin:25-jre} or {@code 127.0.0.1:5000/base@sha256:...};
     * empty (the default) builds from scratch with the jlink'ed runtime and the glibc libraries it loads.
     */
    @Parameter(property = "unikernel.from")
    protected String from;

    /**
     * oci: push the image to this registry reference, {@code HOST[:PORT]/NAME[:TAG]}, instead of
     * writing {@code target/unikernel/oci/<name>.tar}. Credentials come from ~/.docker/config.json.
     */
    @Parameter(property = "unikernel.image")
    protected String image;

    /** oci: allow plain HTTP for registries other than localhost and 127.0.0.1 (which always may use it). */
    @Parameter(property = "unikernel.allowInsecureRegistry", defaultValue = "false")
    protected boolean allowInsecureRegistry;

    /** oci: the numeric {@code uid:gid} the program runs as; not root. */
    @Parameter(property = "unikernel.imageUser", defaultValue = OciOptions.DEFAULT_USER)
    protected String imageUser;

    /** oci: TCP ports to expose; by default the defaults of the application's {@code port} and {@code *-port} keys. */
    @Parameter
    protected List<Integer> exposedPorts = new ArrayList<>();

    /** oci: environment variables set in the image, e.g. {@code <UNIKERNEL_CREATE_SIZE>256M</UNIKERNEL_CREATE_SIZE>}. */
    @Parameter
    protected Map<String, String> imageEnvironment = new LinkedHashMap<>();

    /** oci: extra image labels. */
    @Parameter
    protected Map<String, String> imageLabels = new LinkedHashMap<>();

    /** oci: the {@code org.opencontainers.image.source} label; by default the project's SCM or project URL. */
    @Parameter(property = "unikernel.imageSource")
    protected String imageSource;

    /** oci: the {@code org.opencontainers.image.version} label. */
    @Parameter(property = "unikernel.imageVersion", defaultValue = "${project.version}")
    protected String imageVersion;

    /** oci: the {@code org.opencontainers.image.revision} label; by default the commit checked out. */
    @Parameter(property = "unikernel.imageRevision")
    protected String imageRevision;

    /**
     * oci: the image's creation time and every file's, fixed so that builds are reproducible: an
     * ISO-8601 instant or seconds since 1970; by default {@code project.build.outputTimestamp}, else 1970.
     */
    @Parameter(property = "unikernel.imageCreationTime", defaultValue = "${project.build.outputTimestamp}")
    protected String imageCreationTime;

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
        return new BuildOptions(jlink, jlinkModules, javaOptions, vmOptions(), ociOptions(), aotTrainingOptions());
    }

    protected AotTraining aotTrainingOptions() {
        if (aotTraining == null || !aot) {
            return AotTraining.none();
        }
        WorkloadConfiguration workload = aotTraining.getWorkload();
        TrainingWorkload trainingWorkload = workload == null ? TrainingWorkload.none()
                : new TrainingWorkload(workload.getMainClass(), workload.getArguments(),
                        AotTraining.parseWorkloadTimeout(workload.getTimeout()));
        if (workload != null && !trainingWorkload.present()) {
            throw new IllegalArgumentException("<aotTraining><workload> names no <mainClass>: give the workload's class"
                    + " (on the application's class path), or remove the element");
        }
        return new AotTraining(true, aotTraining.getArguments(), AotTraining.parseStopAfter(aotTraining.getStopAfter()),
                project.getBasedir().toPath(), aotTraining.getConnectTo(), aotTraining.isKeepJarSignatures(),
                trainingWorkload);
    }

    protected VmOptions vmOptions() {
        return new VmOptions(kernel == null ? null : kernel.toPath(),
                kernelModules == null ? null : kernelModules.toPath(), extraKernelModules, kernelArguments, vmMemory,
                vmCpus, vmHeapPercentage, firecrackerKernel == null ? null : firecrackerKernel.toPath());
    }

    protected OciOptions ociOptions() {
        String source = imageSource;
        if (source == null || source.isBlank()) {
            source = project.getScm() != null && project.getScm().getUrl() != null ? project.getScm().getUrl()
                    : project.getUrl();
        }
        String revision = imageRevision != null && !imageRevision.isBlank() ? imageRevision
                : GitRevision.of(project.getBasedir().toPath());
        return new OciOptions(from, image, allowInsecureRegistry, imageUser, exposedPorts, imageEnvironment,
                imageLabels, source, imageVersion, revision, creationTime(imageCreationTime));
    }

    /** Parses {@code <imageCreationTime>} as Maven parses {@code project.build.outputTimestamp}. */
    static Instant creationTime(String text) {
        if (text == null || text.isBlank() || text.startsWith("${")) {
            return Instant.EPOCH;
        }
        try {
            return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(text))
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("<imageCreationTime> (or project.build.outputTimestamp) '" + text
                    + "' is neither an ISO-8601 time like 2026-01-01T00:00:00Z nor seconds since 1970");
        }
    }

    /** Builds for one target and returns its main artifact. */
    protected Path build(Target target) throws MojoExecutionException, MojoFailureException {
        try {
            Plan plan = plan(target);
            PlanSummary.log(plan, getLog());
            List<Path> runtime = runtimeJars(target);
            BuildInputs inputs = new BuildInputs(classesDirectory(), dependencyJars(), runtime,
                    project.getArtifactId() + "-" + project.getVersion() + ".jar", targetDirectory(target),
                    plugin.getVersion());
            return Builder.build(plan, inputs, buildOptions(), buildLog());
        } catch (UnikernelException e) {
            throw failure(e);
        } catch (IllegalArgumentException e) {
            // A configuration value that does not parse: its message names the element.
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("building for target " + target.name() + " failed: " + e.getMessage(), e);
        }
    }
}
