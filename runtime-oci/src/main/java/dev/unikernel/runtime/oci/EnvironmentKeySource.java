package dev.unikernel.runtime.oci;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySource;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.SecretFiles;
import dev.unikernel.runtime.unix.ArgumentKeySource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keys in a container: {@code UNIKERNEL_<KEY>} environment variables ({@code create-size} is
 * {@code UNIKERNEL_CREATE_SIZE}), or {@code --key=value} arguments after the image name, which win
 * because they are the more specific. A secret key comes from a file, since that is how container
 * platforms mount secrets: the file named by {@code UNIKERNEL_<KEY>_FILE} or {@code --key-file},
 * else {@code /run/secrets/<key>} (Docker, Podman and Compose secrets); the value itself in
 * {@code UNIKERNEL_<KEY>} is accepted too, last (the runner warns of it). A file others may read or
 * change is refused ({@link SecretFiles}). An unknown {@code UNIKERNEL_} variable is an error, like an
 * unknown argument: a typo must not silently fall back to a default.
 */
public final class EnvironmentKeySource implements KeySource {

    /** Where Docker, Podman and Compose mount secrets. */
    public static final Path DEFAULT_SECRETS_DIRECTORY = Path.of("/run/secrets");

    private static final String PREFIX = "UNIKERNEL_";
    /** Variables with the prefix that are not keys. */
    private static final Set<String> RESERVED = Set.of("UNIKERNEL_DEBUG");

    private final ArgumentKeySource arguments;
    private final Map<String, String> environment;
    private final Path secretsDirectory;
    /** The container's arguments are the application's (an Arguments device): none is a key. */
    private final boolean argumentsAreTheApplications;

    public EnvironmentKeySource(String[] arguments, Map<String, String> environment, Path secretsDirectory) {
        this(arguments, environment, secretsDirectory, false);
    }

    private EnvironmentKeySource(String[] arguments, Map<String, String> environment, Path secretsDirectory,
            boolean argumentsAreTheApplications) {
        // The argument parser gets no environment: secrets from the environment are looked up here.
        this.arguments = new ArgumentKeySource(arguments, Map.of());
        this.environment = Map.copyOf(environment);
        this.secretsDirectory = secretsDirectory;
        this.argumentsAreTheApplications = argumentsAreTheApplications;
    }

    /** Keys of an image whose container arguments all belong to the application: the environment and secrets only. */
    public static EnvironmentKeySource withoutArguments(Map<String, String> environment, Path secretsDirectory) {
        return new EnvironmentKeySource(new String[0], environment, secretsDirectory, true);
    }

    @Override
    public Map<String, String> values(List<KeySpec> specs) throws KeyException {
        List<String> problems = new ArrayList<>();
        Map<String, String> given;
        try {
            given = new LinkedHashMap<>(arguments.values(specs));
        } catch (KeyException e) {
            problems.addAll(e.problems());
            given = new LinkedHashMap<>();
        }
        Set<String> known = new HashSet<>(RESERVED);
        for (KeySpec spec : specs) {
            known.add(spec.environmentName());
            if (spec.isSecret()) {
                known.add(fileVariable(spec));
                continue;
            }
            String value = environment.get(spec.environmentName());
            if (value != null && !given.containsKey(spec.name())) {
                given.put(spec.name(), value);
            }
        }
        for (String variable : new TreeSet<>(environment.keySet())) {
            if (variable.startsWith(PREFIX) && !known.contains(variable)) {
                problems.add("unknown key: environment variable " + variable);
            }
        }
        if (!problems.isEmpty()) {
            throw new KeyException(problems);
        }
        return given;
    }

    @Override
    public Secret secret(KeySpec spec) throws KeyException, IOException {
        Secret fromArgument = arguments.secret(spec);
        if (fromArgument != null) {
            return fromArgument;
        }
        String file = environment.get(fileVariable(spec));
        if (file != null) {
            return read(Path.of(file), fileVariable(spec), spec);
        }
        // A mounted secret wins over the value in the environment, which the image or its run script may carry.
        Path mounted = secretsDirectory.resolve(spec.name());
        if (Files.isRegularFile(mounted)) {
            return read(mounted, "mounted secret", spec);
        }
        String value = environment.get(spec.environmentName());
        if (value != null) {
            return Secret.of(value.getBytes(StandardCharsets.UTF_8), "environment variable " + spec.environmentName());
        }
        if (Files.isDirectory(secretsDirectory) && !Files.isExecutable(secretsDirectory)) {
            // Mounted but closed to this user: say so, rather than that the secret is missing.
            throw new KeyException("cannot look into " + secretsDirectory + " for " + spec.name()
                    + ": permission denied (make the mounted secrets readable by the image's user)");
        }
        return null;
    }

    @Override
    public boolean helpRequested() {
        return arguments.helpRequested();
    }

    @Override
    public String keysHint() {
        return argumentsAreTheApplications
                ? "every container argument is the application's, so keys are environment variables UNIKERNEL_<KEY>"
                : KeySource.super.keysHint();
    }

    @Override
    public String spelling(KeySpec spec) {
        if (spec.isSecret()) {
            return fileVariable(spec) + "=PATH or " + secretsDirectory.resolve(spec.name());
        }
        return spec.environmentName() + "=" + spec.type().placeholder();
    }

    private static String fileVariable(KeySpec spec) {
        return spec.environmentName() + "_FILE";
    }

    private static Secret read(Path file, String givenBy, KeySpec spec) throws KeyException, IOException {
        SecretFiles.check(file, spec);
        try {
            return Secret.of(Files.readAllBytes(file), "file " + file);
        } catch (NoSuchFileException e) {
            throw new KeyException(givenBy + ": no such file " + file + " (is the secret mounted?)");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new KeyException(givenBy + ": " + file + " is not readable by this user (make it readable by the image's user)");
        }
    }
}
