package dev.unikernel.runtime.unix;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySource;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys of a program whose command-line words all belong to the application (it takes an
 * {@code Arguments} device): {@code UNIKERNEL_<KEY>} environment variables ({@code create-size} is
 * {@code UNIKERNEL_CREATE_SIZE}); a secret from the file {@code UNIKERNEL_<KEY>_FILE} names, or the
 * value of {@code UNIKERNEL_<KEY>}. Other {@code UNIKERNEL_} variables are left alone: a host's
 * environment is shared with other programs (run-qemu's {@code UNIKERNEL_ACCEL}).
 */
public final class HostEnvironmentKeySource implements KeySource {

    private final Map<String, String> environment;

    public HostEnvironmentKeySource(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Map<String, String> values(List<KeySpec> specs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeySpec spec : specs) {
            String value = environment.get(spec.environmentName());
            if (!spec.isSecret() && value != null) {
                values.put(spec.name(), value);
            }
        }
        return values;
    }

    @Override
    public Secret secret(KeySpec spec) throws KeyException, IOException {
        String file = environment.get(fileVariable(spec));
        if (file != null) {
            SecretFiles.check(Path.of(file), spec);
            try {
                return Secret.of(Files.readAllBytes(Path.of(file)), "file " + file);
            } catch (NoSuchFileException e) {
                throw new KeyException(fileVariable(spec) + ": no such file " + file);
            }
        }
        String value = environment.get(spec.environmentName());
        if (value != null) {
            return Secret.of(value.getBytes(StandardCharsets.UTF_8), "environment variable " + spec.environmentName());
        }
        return null;
    }

    /** Never: {@code --help} is one of the application's words. */
    @Override
    public boolean helpRequested() {
        return false;
    }

    @Override
    public String keysHint() {
        return "every argument is the application's, so keys are environment variables UNIKERNEL_<KEY>";
    }

    @Override
    public String spelling(KeySpec spec) {
        if (spec.isSecret()) {
            return fileVariable(spec) + "=PATH";
        }
        return spec.environmentName() + "=" + spec.type().placeholder();
    }

    private static String fileVariable(KeySpec spec) {
        return spec.environmentName() + "_FILE";
    }
}
