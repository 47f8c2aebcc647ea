package dev.unikernel.engine;

import dev.unikernel.engine.ApplicationModel.ArgumentsParameter;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import java.util.List;
import java.util.Set;

/**
 * One {@code @Provider} as configure read it from a jar: a factory of one device contract. Plain
 * values, so the planner can be tested without class files.
 *
 * @param name          the short name device stacks use ({@code fat})
 * @param doc           one line for graphs and messages
 * @param contract      the factory's declared return type, as generated code writes it
 * @param providedTypes every type a device of this provider can be given as (the contract and its supertypes)
 * @param targets       the targets it works on; empty for every target
 * @param preferred     chosen when several fit and the configuration names none
 * @param keyDefaults   {@code target:key=value} defaults of its keys
 * @param files         where it reads the files {@code <files>} bakes for its device: {@code image},
 *                      {@code class-path}, or empty for none ({@code Provider.files})
 * @param factoryClass  the class declaring the factory
 * @param factoryMethod the static method's name, or null for a constructor
 * @param parameters    the factory's parameters in order: devices and keys
 * @param closeable     the device is AutoCloseable: the boot closes it
 * @param origin        where it was declared, for messages (a jar or directory)
 */
public record ProviderSpec(String name, String doc, String contract, Set<String> providedTypes, List<String> targets,
        boolean preferred, List<String> keyDefaults, String files, String factoryClass, String factoryMethod,
        List<Parameter> parameters, boolean closeable, String origin) {

    public ProviderSpec {
        providedTypes = Set.copyOf(providedTypes);
        targets = List.copyOf(targets);
        keyDefaults = List.copyOf(keyDefaults);
        parameters = List.copyOf(parameters);
    }

    /** True when it works on {@code target}. */
    public boolean worksOn(String target) {
        return targets.isEmpty() || targets.contains(target);
    }

    /** True when a device of this provider can be given where {@code type} is asked for. */
    public boolean provides(String type) {
        return providedTypes.contains(type);
    }

    public List<DeviceParameter> devices() {
        return parameters.stream().filter(DeviceParameter.class::isInstance).map(DeviceParameter.class::cast).toList();
    }

    public List<KeyParameter> keys() {
        return parameters.stream().filter(KeyParameter.class::isInstance).map(KeyParameter.class::cast).toList();
    }

    /** True when it takes the program's command-line words (a {@code String[]} parameter). */
    public boolean takesArguments() {
        return parameters.stream().anyMatch(ArgumentsParameter.class::isInstance);
    }

    /** {@code fat (FileSystem, every target)}: how messages list it. */
    public String describe() {
        return name + " (" + ParameterReader.simpleName(contract) + ", "
                + (targets.isEmpty() ? "every target" : String.join("/", targets)) + ")";
    }
}
