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
import dev.unikernel.engine.oci.ImageBuilder;
import dev.unikernel.engine.oci.RegistryAccess;
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
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * The parameters of build, build-no-fork and run, and the one path from them to a built program:
 * configure, compile the generated {@code Main}, link the target's runtime, package.
 */
abstract class AbstractBuildMojo extends AbstractUnikernelMojo {

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

    /** vm: the VM's RAM in run-qemu and firecracker.json (run-qemu --memory=SIZE overrides it); 256M by default. */
    @Parameter(property = "unikernel.vm.memory")
    protected String vmMemory;

    /** vm: the VM's virtual CPUs; 1 by default. */
    @Parameter(property = "unikernel.vm.cpus")
    protected Integer vmCpus;

    /**
     * vm: the Java heap's share of the VM's RAM, in percent (-XX:MaxRAMPercentage); 0 (the default)
     * sizes it from the RAM left after the initramfs, which stays in RAM, and the kernel's and JVM's needs.
     */
    @Parameter(property = "unikernel.vm.heapPercentage")
    protected Integer vmHeapPercentage;

    /** vm: an uncompressed vmlinux for firecracker.json (Firecracker cannot boot a bzImage). */
    @Parameter(property = "unikernel.firecrackerKernel")
    protected File firecrackerKernel;

    /**
     * vm: the vm target's parameters nested, as jib nests {@code <from>}: {@code <memory>}, {@code <cpus>},
     * {@code <heapPercentage>}, {@code <kernel>}, {@code <kernelModules>}, {@code <extraKernelModules>},
     * {@code <kernelArguments>}, {@code <firecrackerKernel>}; each means the same as the flat parameter
     * (memory is vmMemory), and setting both to different values fails the build.
     */
    @Parameter
    protected VmConfiguration vm;

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

    /** oci: allow plain HTTP for registries other than localhost and 127.0.0.1 (which always may use it); false by default. */
    @Parameter(property = "unikernel.allowInsecureRegistry")
    protected Boolean allowInsecureRegistry;

    /** oci: the numeric {@code uid:gid} the program runs as, not root; 65532:65532 by default. */
    @Parameter(property = "unikernel.imageUser")
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

    /** oci: the {@code org.opencontainers.image.version} label; the project's version by default. */
    @Parameter(property = "unikernel.imageVersion")
    protected String imageVersion;

    /** oci: the {@code org.opencontainers.image.revision} label; by default the commit checked out. */
    @Parameter(property = "unikernel.imageRevision")
    protected String imageRevision;

    /**
     * oci: the image's creation time and every file's, fixed so that builds are reproducible: an
     * ISO-8601 instant or seconds since 1970; by default {@code project.build.outputTimestamp}, else 1970.
     */
    @Parameter(property = "unikernel.imageCreationTime")
    protected String imageCreationTime;

    /**
     * oci: the oci target's parameters nested, as jib nests {@code <from>}: {@code <from>}, {@code <image>},
     * {@code <allowInsecureRegistry>}, {@code <user>}, {@code <ports>}, {@code <environment>}, {@code <labels>},
     * {@code <source>}, {@code <version>}, {@code <revision>}, {@code <creationTime>}; each means the same as
     * the flat parameter (user is imageUser, ports exposedPorts, environment imageEnvironment, ...), and
     * setting both to different values fails the build.
     */
    @Parameter
    protected OciConfiguration oci;

    protected AbstractBuildMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
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
        VmConfiguration nested = vm != null ? vm : new VmConfiguration();
        VmOptions defaults = VmOptions.defaults();
        File kernelFile = FlatOrNested.pick("<kernel> (-Dunikernel.kernel)", kernel, "<vm><kernel>",
                nested.getKernel(), null);
        File modules = FlatOrNested.pick("<kernelModules> (-Dunikernel.kernelModules)", kernelModules,
                "<vm><kernelModules>", nested.getKernelModules(), null);
        File vmlinux = FlatOrNested.pick("<firecrackerKernel> (-Dunikernel.firecrackerKernel)", firecrackerKernel,
                "<vm><firecrackerKernel>", nested.getFirecrackerKernel(), null);
        return new VmOptions(kernelFile == null ? null : kernelFile.toPath(), modules == null ? null : modules.toPath(),
                FlatOrNested.pick("<extraKernelModules>", extraKernelModules, "<vm><extraKernelModules>",
                        nested.getExtraKernelModules(), List.of()),
                FlatOrNested.pick("<kernelArguments>", kernelArguments, "<vm><kernelArguments>",
                        nested.getKernelArguments(), List.of()),
                FlatOrNested.pick("<vmMemory> (-Dunikernel.vm.memory)", vmMemory, "<vm><memory>", nested.getMemory(),
                        defaults.memory()),
                FlatOrNested.pick("<vmCpus> (-Dunikernel.vm.cpus)", vmCpus, "<vm><cpus>", nested.getCpus(),
                        defaults.cpus()),
                FlatOrNested.pick("<vmHeapPercentage> (-Dunikernel.vm.heapPercentage)", vmHeapPercentage,
                        "<vm><heapPercentage>", nested.getHeapPercentage(), defaults.heapPercentage()),
                vmlinux == null ? null : vmlinux.toPath());
    }

    protected OciOptions ociOptions() {
        OciConfiguration nested = oci != null ? oci : new OciConfiguration();
        String source = FlatOrNested.pick("<imageSource> (-Dunikernel.imageSource)", imageSource, "<oci><source>",
                nested.getSource(), null);
        if (source == null) {
            source = project.getScm() != null && project.getScm().getUrl() != null ? project.getScm().getUrl()
                    : project.getUrl();
        }
        String revision = FlatOrNested.pick("<imageRevision> (-Dunikernel.imageRevision)", imageRevision,
                "<oci><revision>", nested.getRevision(), null);
        if (revision == null) {
            revision = GitRevision.of(project.getBasedir().toPath());
        }
        return new OciOptions(
                FlatOrNested.pick("<from> (-Dunikernel.from)", from, "<oci><from>", nested.getFrom(), null),
                FlatOrNested.pick("<image> (-Dunikernel.image)", image, "<oci><image>", nested.getImage(), null),
                FlatOrNested.pick("<allowInsecureRegistry> (-Dunikernel.allowInsecureRegistry)", allowInsecureRegistry,
                        "<oci><allowInsecureRegistry>", nested.getAllowInsecureRegistry(), false),
                FlatOrNested.pick("<imageUser> (-Dunikernel.imageUser)", imageUser, "<oci><user>", nested.getUser(),
                        OciOptions.DEFAULT_USER),
                FlatOrNested.pick("<exposedPorts>", exposedPorts, "<oci><ports>", nested.getPorts(), List.of()),
                FlatOrNested.pick("<imageEnvironment>", imageEnvironment, "<oci><environment>",
                        nested.getEnvironment(), Map.of()),
                FlatOrNested.pick("<imageLabels>", imageLabels, "<oci><labels>", nested.getLabels(), Map.of()),
                source,
                FlatOrNested.pick("<imageVersion> (-Dunikernel.imageVersion)", imageVersion, "<oci><version>",
                        nested.getVersion(), project.getVersion()),
                revision,
                creationTime(FlatOrNested.pick("<imageCreationTime> (-Dunikernel.imageCreationTime)",
                        imageCreationTime, "<oci><creationTime>", nested.getCreationTime(), outputTimestamp())));
    }

    /** {@code project.build.outputTimestamp}, which fixes the times of reproducible outputs, or null. */
    protected String outputTimestamp() {
        return project.getProperties().getProperty("project.build.outputTimestamp");
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
            BuildOptions options = buildOptions();
            boolean offline = session.isOffline();
            if (offline && target.name().equals("oci")) {
                // Before the seconds of linking: an offline build that would need a registry fails now.
                ImageBuilder.requireAvailableOffline(options.oci().from(), options.oci().image());
            }
            List<Path> runtime = runtimeJars(target);
            BuildInputs inputs = new BuildInputs(classesDirectory(), dependencyJars(), runtime,
                    project.getArtifactId() + "-" + project.getVersion() + ".jar", targetDirectory(target),
                    plugin.getVersion());
            return buildBound(offline, plan, inputs, options);
        } catch (UnikernelException e) {
            throw failure(e);
        } catch (IllegalArgumentException e) {
            // A configuration value that does not parse: its message names the element.
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("building for target " + target.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Maven's -o reaches jib-core: no registry is spoken to, a base image comes from its cache only. */
    private Path buildBound(boolean offline, Plan plan, BuildInputs inputs, BuildOptions options)
            throws UnikernelException, IOException {
        try {
            return ScopedValue.where(RegistryAccess.OFFLINE, offline)
                    .call(() -> Builder.build(plan, inputs, options, buildLog()));
        } catch (UnikernelException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Builder.build threw what it does not declare: " + e, e);
        }
    }
}
