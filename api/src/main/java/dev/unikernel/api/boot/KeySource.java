package dev.unikernel.api.boot;

import dev.unikernel.api.Secret;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where a target reads its keys from: argv on unix, the kernel command line on vm, the environment
 * on oci. Each spells keys its own way, and each has its own safe channel for secrets.
 */
public interface KeySource {

    /** The raw text values given for non-secret keys, by key name; unknown keys are a KeyException. */
    Map<String, String> values(List<KeySpec> specs) throws KeyException;

    /** The secret for {@code spec}, or null when none was given. */
    Secret secret(KeySpec spec) throws KeyException, IOException;

    /** True when the user asked for the list of keys instead of a boot. */
    boolean helpRequested();

    /** The line that follows key problems: where the user finds the keys. */
    default String keysHint() {
        return "the keys are listed by --help";
    }

    /** How the user gives {@code spec} on this target, e.g. {@code --port=NUMBER}. */
    String spelling(KeySpec spec);
}
