package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.ApplicationModel.ArgumentsParameter;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configure's first half: application model + catalogue + configuration + target → {@link Plan},
 * checking that everything fits before anything is written.
 */
public final class Planner {

    private static final Set<String> RESERVED = Set.of("boot", "keys", "args", "scope", "new", "int", "long",
            "boolean", "class", "default", "package", "import", "public", "return", "static", "final", "this");
    /** Who takes a device opened at start: the generated code itself. */
    private static final String AT_START = "";

    private Planner() {
    }

    /** Plans with configure-time key defaults and device stacks applied for this target, baking no files. */
    public static Plan plan(ApplicationModel application, Catalogue catalogue, Target target, String applicationName,
            KeyDefaults defaults, DeviceStacks stacks) throws UnikernelException {
        return plan(application, catalogue, target, applicationName, defaults, stacks, Map.of());
    }

    /**
     * Plans with configure-time key defaults and device stacks applied for this target; {@code files}
     * names, by device, the directories to bake into the image.
     */
    public static Plan plan(ApplicationModel application, Catalogue catalogue, Target target, String applicationName,
            KeyDefaults defaults, DeviceStacks stacks, Map<String, Path> files) throws UnikernelException {
        GraphResolver resolver = new GraphResolver(catalogue, target.name(), stacks);
        List<KeySpec> applicationKeys = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        Map<String, String> takers = new LinkedHashMap<>();
        Map<String, String> unnamed = new HashMap<>();
        for (Parameter parameter : application.parameters()) {
            switch (parameter) {
                case KeyParameter key -> {
                    applicationKeys.add(key.spec());
                    arguments.add(readExpression(key.spec()));
                }
                case ArgumentsParameter words -> throw new ApplicationException("parameter " + words.parameterName()
                        + " of " + application.entryClass() + " is a String[]: take the program's words as a device,"
                        + " dev.unikernel.api.Arguments");
                case DeviceParameter device -> {
                    String name = deviceName(application, device, unnamed);
                    DeviceNode node = resolver.resolveNamed(name, device.typeName(),
                            "parameter " + device.parameterName() + " of " + application.entryClass());
                    String taker = device.deferred() ? node.name() : AT_START;
                    String previous = takers.putIfAbsent(node.name(), taker);
                    if (previous != null && !previous.equals(taker)) {
                        throw new ApplicationException(application.entryClass() + " takes device '" + node.name()
                                + "' both as a Deferred and directly: take it one way");
                    }
                    arguments.add(node.variable());
                }
            }
        }
        List<DeviceNode> devices = scoped(resolver.nodes(), takers);
        List<KeySpec> keys = new ArrayList<>(applicationKeys);
        Map<String, String> declaredBy = new HashMap<>();
        Map<String, KeySpec> providerKeys = new HashMap<>();
        applicationKeys.forEach(k -> declaredBy.put(k.name(), "the application"));
        for (DeviceNode device : devices) {
            for (KeySpec key : device.keys()) {
                // A provider's key without {device} is one key for all its devices (create-size for every file).
                String factory = device.provider().factoryClass() + "." + device.provider().factoryMethod() + ":" + key.name();
                if (key.equals(providerKeys.putIfAbsent(factory, key))) {
                    continue;
                }
                String by = "device '" + device.name() + "' (" + device.provider().name() + ")";
                String previous = declaredBy.putIfAbsent(key.name(), by);
                if (previous != null) {
                    throw new ApplicationException("runtime key '" + key.name() + "' is declared twice on target "
                            + target.name() + ": by " + previous + " and by " + by
                            + ": rename one (a provider's key may say {device} to be one per device)");
                }
                keys.add(key);
            }
        }
        keys = defaults.apply(keys, target);
        applicationKeys = keys.subList(0, applicationKeys.size());
        DeviceGraph graph = new DeviceGraph(application.entryClass(), devices, applicationKeys);
        checkFiles(files, devices, target.name());
        return new Plan(applicationName, target, graph, keys, arguments, files);
    }

    /**
     * Each baked directory exists and belongs to a device of the graph whose provider reads baked
     * files (a misspelt name would bake for none), and each device whose provider reads them from the
     * class path has its directory.
     */
    private static void checkFiles(Map<String, Path> files, List<DeviceNode> devices, String target)
            throws ApplicationException {
        List<String> names = devices.stream().map(DeviceNode::name).toList();
        for (DeviceNode device : devices) {
            if (device.provider().files().equals(BakedFiles.CLASS_PATH) && !files.containsKey(device.name())) {
                throw new ApplicationException("device '" + device.name() + "' (" + device.provider().name()
                        + ") on target " + target + " reads files baked into the program, but <files> names none for it:"
                        + " add <files><" + device.name() + ">DIRECTORY</" + device.name() + "></files> to the plugin's"
                        + " configuration");
            }
        }
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            if (!names.contains(entry.getKey())) {
                throw new ApplicationException("<files> names device '" + entry.getKey() + "', but the device graph has no"
                        + " device of that name; its devices: " + String.join(", ", names));
            }
            DeviceNode device = devices.get(names.indexOf(entry.getKey()));
            if (device.provider().files().isEmpty()) {
                throw new ApplicationException("<files> bakes a directory for device '" + entry.getKey() + "', but its"
                        + " provider on target " + target + ", " + device.provider().name() + ", reads no baked files:"
                        + " give the device a provider that does (directory, embedded), or remove the entry");
            }
            if (!Files.isDirectory(entry.getValue())) {
                throw new ApplicationException("<files><" + entry.getKey() + ">" + entry.getValue() + "</" + entry.getKey()
                        + ">: no such directory (give the directory whose files device '" + entry.getKey() + "' serves)");
            }
        }
    }

    /** The name of an application's device: {@code @Device}, the parameter's name, else its contract's default. */
    private static String deviceName(ApplicationModel application, DeviceParameter device, Map<String, String> unnamed)
            throws ApplicationException {
        if (device.deviceName() != null) {
            return device.deviceName();
        }
        String name = device.defaultName();
        if (unnamed.put(name, device.parameterName()) != null) {
            throw new ApplicationException(application.entryClass() + " takes several "
                    + ParameterReader.simpleName(device.typeName())
                    + " parameters: name each with @Device(\"...\") or compile with -parameters");
        }
        return name;
    }

    /**
     * Marks each device with the deferred device whose thread opens it: a device that only a
     * Deferred's stack needs opens there; one needed at start (or by two Deferreds) opens at start.
     */
    private static List<DeviceNode> scoped(List<DeviceNode> nodes, Map<String, String> takers) throws ApplicationException {
        Map<String, DeviceNode> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, Set<String>> owners = new HashMap<>();
        for (Map.Entry<String, String> taker : takers.entrySet()) {
            own(taker.getKey(), taker.getValue(), byName, owners);
        }
        List<DeviceNode> scoped = new ArrayList<>();
        for (DeviceNode node : nodes) {
            Set<String> owner = owners.getOrDefault(node.name(), Set.of(AT_START));
            boolean deferred = node.name().equals(takers.get(node.name()));
            if (deferred && !owner.equals(Set.of(node.name()))) {
                throw new ApplicationException("device '" + node.name() + "' is taken as a Deferred, but devices opened"
                        + " at start need it too: take it directly, or give those devices another one");
            }
            String scope = owner.size() == 1 && !owner.contains(AT_START) ? owner.iterator().next() : null;
            scoped.add(node.inScope(scope, deferred));
        }
        return scoped;
    }

    private static void own(String name, String owner, Map<String, DeviceNode> byName, Map<String, Set<String>> owners) {
        if (owners.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(owner)) {
            for (String dependency : byName.get(name).dependencies()) {
                own(dependency, owner, byName, owners);
            }
        }
    }

    /** A Java variable for a device name, {@code scratch-disk} as {@code scratchDisk}, not one of {@code taken}. */
    static String variableName(String deviceName, Collection<String> taken) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : deviceName.toCharArray()) {
            if (c == '-' || c == '_' || c == '.') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String base = RESERVED.contains(camel.toString()) ? camel + "Device" : camel.toString();
        String candidate = base;
        int n = 2;
        while (taken.contains(candidate)) {
            candidate = base + n++;
        }
        return candidate;
    }

    /** The generated expression that reads a key's value with its Java type. */
    static String readExpression(KeySpec spec) {
        return readExpression(spec.name(), spec.type(), spec.optional());
    }

    static String readExpression(String name, KeyType type, boolean optional) {
        String quoted = JavaText.quote(name);
        if (optional) {
            return "keys.optional(" + quoted + ", " + javaClass(type) + ".class)";
        }
        return switch (type) {
            case STRING -> "keys.string(" + quoted + ")";
            case INT -> "keys.integer(" + quoted + ")";
            case LONG -> "keys.longValue(" + quoted + ")";
            case BOOLEAN -> "keys.bool(" + quoted + ")";
            case PATH -> "keys.path(" + quoted + ")";
            case SIZE -> "keys.size(" + quoted + ")";
            case SECRET -> "keys.secret(" + quoted + ")";
        };
    }

    static String javaClass(KeyType type) {
        return type.javaType().getSimpleName();
    }
}
