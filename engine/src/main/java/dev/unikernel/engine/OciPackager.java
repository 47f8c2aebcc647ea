package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.oci.ComposeFile;
import dev.unikernel.engine.oci.ImageBuilder;
import dev.unikernel.engine.oci.ImageDestination;
import dev.unikernel.engine.oci.ImageSpec;
import dev.unikernel.engine.oci.KubernetesManifest;
import dev.unikernel.engine.oci.LayerContents;
import dev.unikernel.engine.oci.RegistryAccess;
import dev.unikernel.engine.oci.RunScript;
import dev.unikernel.engine.oci.SharedLibraries;
import dev.unikernel.engine.oci.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oci target's form: an OCI image built with jib-core, from scratch unless {@code <from>} names a
 * base. Layers go from the least to the most often changed, so a code change re-sends only the
 * small top one: {@code system} (glibc, {@code /etc/passwd}, the {@code /data} volume), {@code jre}
 * (the jlink'ed runtime), {@code libraries} (released jars), {@code snapshot-libraries} (-SNAPSHOT
 * jars), {@code application} (the generated Main and the application's classes). Writes
 * {@code <name>.tar} (an OCI image layout archive) or pushes to {@code <image>}, then
 * {@code <name>.digest}, {@code run-<name>.sh}, and the image pinned by digest as a Kubernetes
 * StatefulSet ({@code <name>.kubernetes.yaml}) and a {@code compose.yaml}.
 */
final class OciPackager implements TargetPackager {

    static final String JRE = "/jre";
    static final String APP = "/app";
    static final String LIB = "/app/lib";

    @Override
    public Path pack(Plan plan, LinkedProgram program, BuildInputs inputs, BuildOptions options, BuildLog log)
            throws UnikernelException, IOException {
        OciOptions oci = options.oci();
        Path out = inputs.outputDirectory();
        String name = imageName(plan.applicationName());
        ImageSpec spec = spec(plan, program, options, out, log);
        ImageDestination destination = oci.image() == null
                ? new ImageDestination.Archive(out.resolve(name + ".tar"), name)
                : new ImageDestination.Registry(oci.image());
        boolean allowHttp = RegistryAccess.allowHttp(oci.allowInsecureRegistry(), oci.from(), oci.image());
        ImageBuilder.Result result = ImageBuilder.build(spec, destination, out.resolve("jib"), allowHttp, log);
        Path digest = out.resolve(name + ".digest");
        FileUpdates.writeIfChanged(digest, result.digest() + "\n");
        if (oci.image() != null) {
            // A pushed image is not in the directory: drop an archive from an earlier build, it would mislead.
            Files.deleteIfExists(out.resolve(name + ".tar"));
        }
        writeRunScript(spec, oci, out, name);
        Workload workload = OciWorkload.of(plan, spec, name, oci.image(), result.digest());
        FileUpdates.writeIfChanged(out.resolve(name + ".kubernetes.yaml"), new KubernetesManifest(workload).text());
        FileUpdates.writeIfChanged(out.resolve("compose.yaml"), new ComposeFile(workload).text());
        return oci.image() == null ? out.resolve(name + ".tar") : digest;
    }

    /** Runs {@code run-<name>.sh} beside the artifact (the archive, or the digest of a pushed image). */
    @Override
    public List<String> runCommand(Path artifact, List<String> args) {
        String file = artifact.getFileName().toString();
        String name = file.substring(0, file.lastIndexOf('.'));
        List<String> command = new ArrayList<>(List.of("bash", artifact.resolveSibling("run-" + name + ".sh").toString()));
        command.addAll(args);
        return command;
    }

    /** What the image holds and how it starts, before anything is built. */
    static ImageSpec spec(Plan plan, LinkedProgram program, BuildOptions options, Path out, BuildLog log)
            throws UnikernelException, IOException {
        OciOptions oci = options.oci();
        boolean scratch = oci.from() == null;
        if (scratch && !options.jlink()) {
            throw new UnikernelException("an image from scratch needs the jlink'ed Java runtime: set"
                    + " <jlink>true</jlink> (-Dunikernel.jlink=true), or name a base image with a Java 25 runtime"
                    + " in <from> (-Dunikernel.from)");
        }
        int[] user = parseUser(oci.user());
        checkEnvironment(oci.environment(), plan);
        Path staging = out.resolve("staging");
        FileUpdates.deleteTree(staging);
        Files.createDirectories(staging);
        List<LayerContents> layers = new ArrayList<>();

        LayerContents system = new LayerContents("system");
        Path runtime = out.resolve("jre");
        if (options.jlink()) {
            List<String> modules = JavaRuntimeLinker.modules(program.jars(), options.extraModules(), log);
            JavaRuntimeLinker.link(modules, runtime, false, log); // the layer is gzipped: see link()
        } else {
            FileUpdates.deleteTree(runtime);
        }
        if (scratch) {
            for (SharedLibraries.Library library : SharedLibraries.ofHost().neededBy(runtime)) {
                system.file(library.hostFile(), library.imagePath(), 0755);
            }
            system.file(write(staging.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                    + "unikernel:x:" + user[0] + ":" + user[1] + ":unikernel:" + OciTarget.DATA + ":/sbin/nologin\n"),
                    "/etc/passwd", 0644);
            system.file(write(staging.resolve("group"), "root:x:0:\nunikernel:x:" + user[1] + ":\n"), "/etc/group", 0644);
            // jib-core writes permission bits only, so no sticky bit: the platforms mount a tmpfs here anyway.
            system.directory("/tmp", 0777, "0:0");
        }
        system.directory(OciTarget.DATA, 0755, user[0] + ":" + user[1]);
        layers.add(system);

        if (options.jlink()) {
            LayerContents jre = new LayerContents("jre").tree(runtime, JRE);
            // Explicit, whatever the host's umask left: jib#2506 made this 0644 once.
            jre.setMode(JRE + "/bin/java", 0755);
            layers.add(jre);
        }

        LayerContents libraries = new LayerContents("libraries");
        LayerContents snapshots = new LayerContents("snapshot-libraries");
        LayerContents application = new LayerContents("application");
        List<String> classpath = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < program.jars().size(); i++) {
            Path jar = program.jars().get(i);
            String file = jar.getFileName().toString();
            if (!names.add(file)) {
                throw new UnikernelException("two jars are both named " + file + ": " + program.jars());
            }
            // The first two are the generated Main and the application's classes (see Builder).
            boolean isApplication = i < 2;
            String imagePath = (isApplication ? APP : LIB) + "/" + file;
            LayerContents layer = isApplication ? application : file.contains("-SNAPSHOT") ? snapshots : libraries;
            layer.file(jar, imagePath, 0644);
            classpath.add(imagePath);
        }
        // Between the libraries and the application: a site's pages change more often than its libraries.
        LayerContents files = new LayerContents("files");
        List<BakedFiles.Entry> baked = BakedFiles.of(plan);
        for (BakedFiles.Entry file : baked) {
            if (file.directory()) {
                files.directory(file.imagePath(), 0755, "0:0");
            } else {
                files.file(file.source(), file.imagePath(), 0644);
            }
        }
        if (!baked.isEmpty()) {
            log.info("Baking " + BakedFiles.roots(baked) + " into a layer ("
                    + Sizes.human(BakedFiles.size(baked)) + ")");
        }
        for (LayerContents layer : List.of(libraries, snapshots, files, application)) {
            if (!layer.isEmpty()) {
                layers.add(layer);
            }
        }

        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(options.jlink() ? JRE + "/bin/java" : "java");
        entrypoint.addAll(options.javaOptions("oci"));
        entrypoint.add("-cp");
        entrypoint.add(String.join(":", classpath));
        entrypoint.add(Plan.MAIN_CLASS);

        Map<String, String> environment = new TreeMap<>();
        if (scratch) {
            environment.put("PATH", (options.jlink() ? JRE + "/bin:" : "") + "/usr/bin:/bin");
            // glibc 2.35+ has C.UTF-8 built in: file names are UTF-8 without locale files.
            environment.put("LANG", "C.UTF-8");
        }
        environment.putAll(oci.environment());

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", plan.applicationName());
        putIfSet(labels, "org.opencontainers.image.source", oci.source());
        putIfSet(labels, "org.opencontainers.image.version", oci.version());
        putIfSet(labels, "org.opencontainers.image.revision", oci.revision());
        labels.putAll(oci.labels());

        return new ImageSpec(oci.from(), ImageSpec.hostArchitecture(), layers, entrypoint, environment,
                ports(plan, oci), List.of(OciTarget.DATA), user[0] + ":" + user[1], OciTarget.DATA, labels,
                oci.creationTime());
    }

    /** The configured ports, or the defaults of the application's {@code port} and {@code *-port} keys. */
    static List<Integer> ports(Plan plan, OciOptions oci) throws UnikernelException {
        TreeSet<Integer> ports = new TreeSet<>(oci.ports());
        if (ports.isEmpty()) {
            for (KeySpec key : plan.keys()) {
                if (key.type() == KeyType.INT && (key.name().equals("port") || key.name().endsWith("-port"))) {
                    String value = oci.environment().getOrDefault(key.environmentName(), key.defaultValue());
                    if (value != null) {
                        try {
                            ports.add(Integer.parseInt(value.trim()));
                        } catch (NumberFormatException e) {
                            throw new UnikernelException("key " + key.name() + " is not a port number: '" + value + "'");
                        }
                    }
                }
            }
        }
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new UnikernelException("<exposedPorts> holds " + port + ", which is not a TCP port (1 to 65535)");
            }
        }
        return List.copyOf(ports);
    }

    /**
     * A UNIKERNEL_ variable that names no key would stop every container at boot, and a secret's value
     * would be in the image configuration (and the run script) of everyone who pulls it: fail the build.
     */
    private static void checkEnvironment(Map<String, String> environment, Plan plan) throws UnikernelException {
        Set<String> known = new HashSet<>(Set.of("UNIKERNEL_DEBUG"));
        Map<String, String> secrets = new TreeMap<>(Map.of(SECRET_PASSPHRASE, "passphrase"));
        for (KeySpec key : plan.keys()) {
            known.add(key.environmentName());
            known.add(key.environmentName() + "_FILE");
            if (key.isSecret()) {
                secrets.put(key.environmentName(), key.name());
            }
        }
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            if (environment.containsKey(secret.getKey())) {
                throw new UnikernelException("<imageEnvironment> sets " + secret.getKey() + ", a secret key: the image"
                        + " configuration and run-" + plan.applicationName() + ".sh would carry it to everyone who has the"
                        + " image. Remove it and mount the secret as a file instead: /run/secrets/" + secret.getValue()
                        + " (a Kubernetes Secret, podman or docker --secret, OCI_SECRETS for run-"
                        + plan.applicationName() + ".sh), or name the file with " + secret.getKey() + "_FILE");
            }
        }
        for (String variable : environment.keySet()) {
            if (variable.startsWith("UNIKERNEL_") && !known.contains(variable)) {
                throw new UnikernelException("<imageEnvironment> sets " + variable + ", which names no key of "
                        + plan.applicationName() + "; its keys are " + plan.keys().stream()
                                .map(KeySpec::environmentName).toList());
            }
        }
    }

    /** The luks provider's passphrase: refused in the image's environment even where no key of the plan has it yet. */
    private static final String SECRET_PASSPHRASE = "UNIKERNEL_PASSPHRASE";

    private static void writeRunScript(ImageSpec spec, OciOptions oci, Path out, String name)
            throws IOException, UnikernelException {
        int[] user = parseUser(spec.user());
        RunScript script = new RunScript(name, oci.image() != null ? oci.image() : name + ".tar", oci.image() != null,
                RegistryAccess.allowHttp(oci.allowInsecureRegistry(), oci.image()), spec.entrypoint(),
                spec.environment(), user[0], user[1], spec.workingDirectory(), spec.ports());
        Path file = out.resolve("run-" + name + ".sh");
        FileUpdates.writeIfChanged(file, script.text());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The user as numbers: names would need the base image's /etc/passwd to mean anything. */
    static int[] parseUser(String user) throws UnikernelException {
        String[] parts = user.split(":", -1);
        try {
            int uid = Integer.parseInt(parts[0]);
            int gid = parts.length > 1 ? Integer.parseInt(parts[1]) : uid;
            if (parts.length > 2 || uid < 0 || gid < 0) {
                throw new NumberFormatException();
            }
            return new int[] {uid, gid};
        } catch (NumberFormatException e) {
            throw new UnikernelException("<imageUser> '" + user + "' must be UID:GID in numbers, e.g. "
                    + OciOptions.DEFAULT_USER + " (0:0 would run as root)");
        }
    }

    /** Image names are lower case. */
    static String imageName(String applicationName) {
        return applicationName.toLowerCase(Locale.ROOT);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    private static void putIfSet(Map<String, String> labels, String key, String value) {
        if (value != null) {
            labels.put(key, value);
        }
    }
}
