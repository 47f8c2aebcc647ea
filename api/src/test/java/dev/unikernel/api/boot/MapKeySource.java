package dev.unikernel.api.boot;

import dev.unikernel.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A KeySource over maps, for tests. */
record MapKeySource(Map<String, String> given, Map<String, String> secrets, boolean helpRequested) implements KeySource {

    @Override
    public Map<String, String> values(List<KeySpec> specs) {
        return given;
    }

    @Override
    public Secret secret(KeySpec spec) {
        String value = secrets.get(spec.name());
        return value == null ? null : Secret.of(value.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Override
    public String spelling(KeySpec spec) {
        return "--" + spec.name();
    }
}
