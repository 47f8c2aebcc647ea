package dev.unikernel.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The schema check of src/test/kubernetes: kubernetes-models (the Kubernetes OpenAPI schema as
 * classes with validate()) and a YAML parser, both pinned by package-lock.json and installed with
 * {@code npm ci} into target/, then {@code node validate.mjs FILE} on a manifest.
 */
final class KubernetesValidator {

    private static final Path SOURCE = Command.ROOT.resolve("e2e/src/test/kubernetes");
    private static final Path INSTALLED = Command.ROOT.resolve("e2e/target/kubernetes-validation");

    private KubernetesValidator() {
    }

    /** Installs the pinned packages, once per target/ (npm ci removes node_modules first, so it is not rerun). */
    static void install() throws Exception {
        Files.createDirectories(INSTALLED);
        for (String file : new String[] {"package.json", "package-lock.json", "validate.mjs"}) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path marker = INSTALLED.resolve("node_modules/.package-lock.json");
        if (!Files.isRegularFile(marker) || !Files.readString(marker).contains("\"kubernetes-models\"")) {
            Command.of(INSTALLED, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                    .runOk(Duration.ofMinutes(5));
        }
    }

    /** Validates every document of {@code manifest}: exit code 0 and "N documents valid", or 1 and one line per problem. */
    static Command.Result validate(Path manifest) throws Exception {
        return Command.of(INSTALLED, "node", "validate.mjs", manifest.toString()).run(Duration.ofMinutes(1));
    }
}
