package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.util.List;

/**
 * How a target connects one device: the implementation class, the Java expression that opens it in
 * the generated {@code Main} (it may use the variables {@code boot} and {@code keys}, and the
 * implementation's simple name), and the runtime keys the expression reads.
 */
public record DeviceBinding(String implementationClass, String expression, List<KeySpec> keys) {

    public DeviceBinding {
        keys = List.copyOf(keys);
    }

    /** The implementation's simple name. */
    public String implementationName() {
        return implementationClass.substring(implementationClass.lastIndexOf('.') + 1);
    }
}
