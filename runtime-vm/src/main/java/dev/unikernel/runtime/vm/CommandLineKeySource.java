package dev.unikernel.runtime.vm;

import dev.unikernel.api.Secret;
import dev.unikernel.api.boot.KeyException;
import dev.unikernel.api.boot.KeySource;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys from the kernel command line, {@code unikernel.name=value}; a boolean key alone
 * ({@code unikernel.read-only}) means true, {@code unikernel.help} lists the keys, and
 * {@code unikernel.debug} makes PID 1 report memory and stack traces. Other words
 * belong to the kernel and are ignored. Secrets never travel on the command line, which any process
 * and the VMM's own command line show: they are qemu fw_cfg files {@code opt/unikernel/<name>}.
 */
public final class CommandLineKeySource implements KeySource {

    /** The prefix of the application's words on the kernel command line. */
    public static final String PREFIX = "unikernel.";
    /** Where qemu's fw_cfg files appear once the qemu_fw_cfg module is loaded. */
    public static final Path FW_CFG = Path.of("/sys/firmware/qemu_fw_cfg/by_name");

    private final List<String> words;
    private final Path secrets;

    /** Reads {@code commandLine}; secrets are files {@code <secrets>/opt/unikernel/<name>/raw}. */
    public CommandLineKeySource(String commandLine, Path secrets) {
        this.words = CommandLine.words(commandLine);
        this.secrets = secrets;
    }

    @Override
    public Map<String, String> values(List<KeySpec> specs) throws KeyException {
        Map<String, KeySpec> byName = new HashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String word : words) {
            if (!word.startsWith(PREFIX) || word.equals(PREFIX + "help") || word.equals(PREFIX + "debug")) {
                continue;
            }
            int equals = word.indexOf('=');
            String name = equals < 0 ? word.substring(PREFIX.length()) : word.substring(PREFIX.length(), equals);
            String value = equals < 0 ? null : word.substring(equals + 1);
            KeySpec spec = byName.get(name);
            if (spec == null) {
                problems.add("unknown key " + PREFIX + name + " on the kernel command line");
            } else if (spec.isSecret()) {
                // Not echoed: the value may be the secret itself.
                problems.add("key " + name + " is secret and cannot be given on the kernel command line: "
                        + spelling(spec) + " (run-qemu --" + name + "-file=PATH)");
            } else if (value == null && spec.type() != KeyType.BOOLEAN) {
                problems.add(PREFIX + name + " needs a value: " + spelling(spec));
            } else if (values.put(name, value == null ? "true" : value) != null) {
                problems.add("key " + PREFIX + name + " is given twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new KeyException(problems);
        }
        return values;
    }

    @Override
    public Secret secret(KeySpec spec) throws IOException {
        Path file = secrets.resolve("opt/unikernel").resolve(spec.name()).resolve("raw");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Secret.of(Files.readAllBytes(file), "qemu fw_cfg opt/unikernel/" + spec.name());
    }

    @Override
    public boolean helpRequested() {
        return words.contains(PREFIX + "help");
    }

    @Override
    public String spelling(KeySpec spec) {
        if (spec.isSecret()) {
            return "-fw_cfg name=opt/unikernel/" + spec.name() + ",file=PATH";
        }
        return PREFIX + spec.name() + "=" + spec.type().placeholder();
    }
}
