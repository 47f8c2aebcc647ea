package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.ApplicationModel.ArgumentsParameter;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Composes the device graph for one target: each device the application asks for gets the stack the
 * configuration names for it, or its contract's one fitting provider; each provider's devices are
 * resolved the same way, by position in the stack or by name. Devices of one name are one device.
 * Every problem (no provider, an ambiguous choice, a type mismatch, a cycle) is one message naming
 * the device, the target and the fix.
 */
final class GraphResolver {

    private final Catalogue catalogue;
    private final String target;
    private final DeviceStacks stacks;
    /** Resolved devices, each after those it needs: the order they are opened in. */
    private final Map<String, DeviceNode> nodes = new LinkedHashMap<>();
    /** Named devices being resolved, outermost first: a name seen twice is a cycle. */
    private final Deque<String> resolving = new ArrayDeque<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    /** The configuration entry being resolved, as written, for messages. */
    private String entry;

    GraphResolver(Catalogue catalogue, String target, DeviceStacks stacks) {
        this.catalogue = catalogue;
        this.target = target;
        this.stacks = stacks;
    }

    List<DeviceNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The device a parameter of the application (or of a provider, {@code neededBy}) asks for. */
    DeviceNode resolveNamed(String name, String type, String neededBy) throws UnikernelException {
        DeviceNode existing = nodes.get(name);
        if (existing != null) {
            if (!existing.provider().provides(type)) {
                throw new ApplicationException("device '" + name + "' is a " + existing.contractName() + " ("
                        + existing.stack() + "), but " + neededBy + " asks for a " + ParameterReader.simpleName(type)
                        + " of that name: give one of them another name");
            }
            return existing;
        }
        if (resolving.contains(name)) {
            List<String> cycle = new ArrayList<>(resolving.reversed());
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new ApplicationException("the device stacks of target " + target + " form a cycle: "
                    + String.join(" -> ", cycle) + " -> " + name + ": make one of them end in a device that needs none");
        }
        resolving.push(name);
        try {
            DeviceTerm stack = stacks.stackOf(name, target);
            if (stack == null) {
                return build(name, type, chooseDefault(name, type, neededBy), List.of(), neededBy);
            }
            String outer = entry;
            entry = name + "=" + stack;
            try {
                return resolveTerm(name, type, stack, neededBy);
            } finally {
                entry = outer;
            }
        } finally {
            resolving.pop();
        }
    }

    private DeviceNode resolveTerm(String name, String type, DeviceTerm term, String neededBy) throws UnikernelException {
        if (catalogue.named(term.word()).isEmpty()) {
            if (!term.arguments().isEmpty()) {
                throw new MissingDeviceException("no provider is called '" + term.word() + "' (in " + term + " for device '"
                        + name + "' on target " + target + "); providers of " + ParameterReader.simpleName(type) + ": "
                        + catalogue.describeProvidersOf(type));
            }
            // Any other word names a device: its own stack, or its contract's provider.
            return resolveNamed(term.word(), type, neededBy);
        }
        return build(name, type, chooseNamed(term.word(), type, name, term, neededBy), term.arguments(), neededBy);
    }

    private DeviceNode build(String name, String type, ProviderSpec provider, List<DeviceTerm> arguments, String neededBy)
            throws UnikernelException {
        List<DeviceParameter> devices = provider.devices();
        if (arguments.size() > devices.size()) {
            throw new ApplicationException("provider " + provider.name() + " takes " + devices.size() + " device"
                    + (devices.size() == 1 ? "" : "s") + " (" + devices.stream().map(d -> d.deviceName() + ": "
                    + ParameterReader.simpleName(d.typeName())).collect(Collectors.joining(", ")) + "), but the stack of device '"
                    + name + "' gives it " + arguments.size());
        }
        String self = "provider " + provider.name() + " of device '" + name + "'";
        Map<DeviceParameter, DeviceNode> given = new LinkedHashMap<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceParameter device = devices.get(i);
            if (device.deferred()) {
                throw new ApplicationException(self + ": a provider takes devices, not a Deferred (parameter "
                        + device.parameterName() + " of " + provider.factoryClass() + ")");
            }
            given.put(device, i < arguments.size() ? resolveArgument(name, device, arguments.get(i), self)
                    : resolveNamed(device.deviceName() != null ? device.deviceName() : device.defaultName(),
                            device.typeName(), self));
        }
        List<KeySpec> keys = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        for (Parameter parameter : provider.parameters()) {
            switch (parameter) {
                case DeviceParameter device -> expressions.add(given.get(device).variable());
                case ArgumentsParameter words -> expressions.add(MainGenerator.PROGRAM_ARGUMENTS);
                case KeyParameter key -> {
                    KeySpec spec = ProviderKeys.forDevice(key, name, provider, target);
                    keys.add(spec);
                    // Read as the factory declares it: an Optional parameter stays an Optional with a default.
                    expressions.add(Planner.readExpression(spec.name(), spec.type(), key.spec().optional()));
                }
            }
        }
        List<String> dependencies = given.values().stream().map(DeviceNode::name).toList();
        String stack = provider.name() + (given.isEmpty() ? ""
                : given.values().stream().map(DeviceNode::stack).collect(Collectors.joining(", ", "(", ")")));
        DeviceNode node = new DeviceNode(name, provider, stack, variable(name), expressions, dependencies, keys, null, false);
        nodes.put(name, node);
        return node;
    }

    /** A device of a stack's inner term: a provider term gets a name of its own, a word names a device. */
    private DeviceNode resolveArgument(String parent, DeviceParameter device, DeviceTerm term, String neededBy)
            throws UnikernelException {
        if (catalogue.named(term.word()).isEmpty()) {
            return resolveTerm(term.word(), device.typeName(), term, neededBy);
        }
        String name = nodes.containsKey(term.word()) || resolving.contains(term.word()) ? parent + "-" + term.word()
                : term.word();
        return resolveTerm(name, device.typeName(), term, neededBy);
    }

    private ProviderSpec chooseNamed(String providerName, String type, String device, DeviceTerm term, String neededBy)
            throws UnikernelException {
        List<ProviderSpec> named = catalogue.named(providerName);
        List<ProviderSpec> fitting = named.stream().filter(p -> p.provides(type)).toList();
        String simpleType = ParameterReader.simpleName(type);
        if (fitting.isEmpty()) {
            throw new TypeMismatchException("type mismatch in " + (entry != null ? entry : term.toString()) + " on target "
                    + target + ": " + neededBy + " needs " + article(simpleType) + ", but " + providerName + " provides "
                    + article(ParameterReader.simpleName(named.getFirst().contract())) + "; providers of " + simpleType + ": "
                    + catalogue.describeProvidersOf(type));
        }
        List<ProviderSpec> here = fitting.stream().filter(p -> p.worksOn(target)).toList();
        if (here.isEmpty()) {
            throw new MissingDeviceException("provider " + providerName + " (for device '" + device
                    + "') does not work on target " + target + ": it works on " + String.join(", ", fitting.getFirst().targets())
                    + "; providers of " + simpleType + " on " + target + ": " + describe(catalogue.candidates(type, target))
                    + " (choose one for " + target + " with <device>" + target + ":" + device + "=...</device>)");
        }
        if (here.size() > 1) {
            throw new AmbiguousDeviceException("several providers are called " + providerName + " on target " + target
                    + " (from " + here.stream().map(ProviderSpec::origin).collect(Collectors.joining(", "))
                    + "): keep one of those jars on the class path");
        }
        return here.getFirst();
    }

    private ProviderSpec chooseDefault(String device, String type, String neededBy) throws UnikernelException {
        List<ProviderSpec> candidates = catalogue.candidates(type, target);
        String simpleType = ParameterReader.simpleName(type);
        if (candidates.isEmpty()) {
            throw new MissingDeviceException("target " + target + " has no provider of " + simpleType + " (device '" + device
                    + "', asked for by " + neededBy + "); providers of " + simpleType + " on every target: "
                    + catalogue.describeProvidersOf(type) + ". Add a dependency on a jar that provides one"
                    + " (it lists its providers in " + CatalogueReader.INDEX + "), or build for another target");
        }
        List<ProviderSpec> chosen = narrowed(candidates, p -> p.targets().contains(target));
        chosen = narrowed(chosen, ProviderSpec::preferred);
        if (chosen.size() > 1) {
            throw new AmbiguousDeviceException("device '" + device + "' (" + simpleType + ", asked for by " + neededBy
                    + ") on target " + target + ": several providers fit: " + describe(chosen) + "; choose one with <devices><device>"
                    + device + "=" + chosen.getFirst().name() + "</device></devices> in the plugin's configuration (or -Dunikernel.devices="
                    + device + "=" + chosen.getFirst().name() + ")");
        }
        return chosen.getFirst();
    }

    /** The candidates passing {@code test}, or all of them when none or all pass. */
    private static List<ProviderSpec> narrowed(List<ProviderSpec> candidates, java.util.function.Predicate<ProviderSpec> test) {
        List<ProviderSpec> passing = candidates.stream().filter(test).toList();
        return passing.isEmpty() ? candidates : passing;
    }

    /** {@code a BlockDevice}, {@code an Entropy}. */
    private static String article(String noun) {
        return ("AEIOU".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String describe(List<ProviderSpec> providers) {
        return providers.isEmpty() ? "none" : providers.stream().map(ProviderSpec::describe).collect(Collectors.joining(", "));
    }

    private String variable(String deviceName) {
        String variable = Planner.variableName(deviceName, variables.values());
        variables.put(deviceName, variable);
        return variable;
    }
}
