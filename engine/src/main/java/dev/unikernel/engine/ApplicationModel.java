package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import java.util.List;
import java.util.Objects;

/**
 * What configure learns from the compiled entry class: its name and, in order, what each public
 * constructor parameter asks for. Plain values, so the planner can be tested without class files.
 */
public record ApplicationModel(String entryClass, List<Parameter> parameters) {

    public ApplicationModel {
        Objects.requireNonNull(entryClass, "entryClass");
        parameters = List.copyOf(parameters);
    }

    /** One constructor parameter. */
    public sealed interface Parameter permits DeviceParameter, KeyParameter, ArgumentsParameter {
        /** The parameter for messages: {@code 'name'} when compiled with -parameters, else {@code #position}. */
        String parameterName();
    }

    /**
     * A parameter whose type is not a key: a device contract, or some other type that no target
     * provides (reported at planning). {@code deviceName} is from {@code @Device}, or the
     * parameter's name when compiled with {@code -parameters}, or null. {@code deferred} when the
     * parameter is a {@code Deferred<typeName>}: its stack opens on a thread of its own.
     * {@code defaultName} is for a parameter without a name: the contract's {@code @Device}, else
     * its simple name in kebab case.
     */
    public record DeviceParameter(String parameterName, String typeName, String deviceName, boolean deferred,
            String defaultName) implements Parameter {
    }

    /**
     * A provider's {@code String[]} parameter: the program's command-line words, {@code main}'s
     * {@code args} (the provider of {@code Arguments} on a target takes them).
     */
    public record ArgumentsParameter(String parameterName) implements Parameter {
    }

    /**
     * A parameter annotated with {@code @Key}. {@code javaType} is how generated code reads it
     * ({@code String}, {@code int}, ...); {@code optional} when the parameter is an {@code Optional}.
     * {@code nameTemplate} is the name as declared: a provider's may hold {@code {device}}, which
     * {@code spec}'s name has as {@code device}.
     */
    public record KeyParameter(String parameterName, KeySpec spec, String javaType, String nameTemplate)
            implements Parameter {

        public KeyParameter(String parameterName, KeySpec spec, String javaType) {
            this(parameterName, spec, javaType, spec.name());
        }
    }
}
