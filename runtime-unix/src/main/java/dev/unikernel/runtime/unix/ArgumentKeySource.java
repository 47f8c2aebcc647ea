package dev.unikernel.runtime.unix;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySource;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.api.boot.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys from the command line, {@code --name=value}; a boolean key alone ({@code --read-only}) means
 * true. A secret key {@code name} is never a value on the command line: {@code --name-file=PATH}
 * names a file holding it (refused if others may read or change it: {@link SecretFiles}), or the
 * environment variable {@code UNIKERNEL_NAME} holds it; the file wins when both are given.
 */
public final class ArgumentKeySource implements KeySource {

    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Map<String, Path> secretFiles = new HashMap<>();
    private boolean help;

    public ArgumentKeySource(String[] arguments, Map<String, String> environment) {
        this.arguments = List.of(arguments);
        this.environment = environment;
        for (String argument : arguments) {
            if (argument.equals("--help") || argument.equals("-h")) {
                help = true;
            }
        }
    }

    @Override
    public Map<String, String> values(List<KeySpec> specs) throws KeyException {
        Map<String, KeySpec> byName = new HashMap<>();
        Map<String, KeySpec> secretsByFileKey = new HashMap<>();
        for (KeySpec spec : specs) {
            byName.put(spec.name(), spec);
            if (spec.isSecret()) {
                secretsByFileKey.put(spec.name() + "-file", spec);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("--help") || argument.equals("-h")) {
                continue;
            }
            if (!argument.startsWith("--") || argument.length() == 2) {
                problems.add("unexpected argument '" + argument + "': keys are given as --name=value");
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument.substring(2) : argument.substring(2, equals);
            String value = equals < 0 ? null : argument.substring(equals + 1);
            KeySpec secret = secretsByFileKey.get(name);
            if (secret != null) {
                if (value == null || value.isEmpty()) {
                    problems.add("--" + name + " needs a file: --" + name + "=PATH");
                } else {
                    secretFiles.put(secret.name(), Path.of(value));
                }
                continue;
            }
            KeySpec spec = byName.get(name);
            if (spec == null) {
                problems.add("unknown key --" + name);
            } else if (spec.isSecret()) {
                // The value is deliberately not echoed: it may be the secret itself.
                problems.add("key " + name + " is secret and cannot be given on the command line: use --"
                        + name + "-file=PATH or the environment variable " + spec.environmentName());
            } else if (value == null && spec.type() != KeyType.BOOLEAN) {
                problems.add("--" + name + " needs a value: " + spelling(spec));
            } else if (values.put(name, value == null ? "true" : value) != null) {
                problems.add("key --" + name + " is given twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new KeyException(problems);
        }
        return values;
    }

    @Override
    public Secret secret(KeySpec spec) throws KeyException, IOException {
        Path file = secretFiles.get(spec.name());
        if (file != null) {
            SecretFiles.check(file, spec);
            try {
                return Secret.of(Files.readAllBytes(file), "file " + file);
            } catch (NoSuchFileException e) {
                throw new KeyException("--" + spec.name() + "-file: no such file " + file);
            }
        }
        String value = environment.get(spec.environmentName());
        if (value != null) {
            return Secret.of(value.getBytes(StandardCharsets.UTF_8), "environment variable " + spec.environmentName());
        }
        return null;
    }

    @Override
    public boolean helpRequested() {
        return help;
    }

    @Override
    public String spelling(KeySpec spec) {
        if (spec.isSecret()) {
            return "--" + spec.name() + "-file=PATH";
        }
        return "--" + spec.name() + "=" + spec.type().placeholder();
    }
}
