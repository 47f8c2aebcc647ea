package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.ApplicationModel.KeyParameter;
import dev.unikernel.engine.ApplicationModel.Parameter;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Configure's first half: application model + target → {@link Plan}, checking that everything fits. */
public final class Planner {

    private static final Set<String> JAVA_KEYWORDS = Set.of("boot", "keys", "args", "new", "int", "long",
            "boolean", "class", "default", "package", "import", "public", "return", "static", "final", "this");

    private Planner() {
    }

    public static Plan plan(ApplicationModel application, Target target, String applicationName)
            throws UnikernelException {
        return plan(application, target, applicationName, KeyDefaults.none());
    }

    /** Plans with configure-time key defaults applied for this target. */
    public static Plan plan(ApplicationModel application, Target target, String applicationName, KeyDefaults defaults)
            throws UnikernelException {
        Map<String, DeviceNode> devices = new LinkedHashMap<>();
        List<KeySpec> applicationKeys = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        for (Parameter parameter : application.parameters()) {
            switch (parameter) {
                case KeyParameter key -> {
                    applicationKeys.add(key.spec());
                    arguments.add(readExpression(key.spec()));
                }
                case DeviceParameter device -> arguments.add(connect(application, target, device, devices).variable());
            }
        }
        List<KeySpec> keys = new ArrayList<>(applicationKeys);
        for (DeviceNode device : devices.values()) {
            keys.addAll(device.binding().keys());
        }
        checkUniqueKeys(keys, target);
        keys = defaults.apply(keys, target);
        applicationKeys = keys.subList(0, applicationKeys.size());
        DeviceGraph graph = new DeviceGraph(application.entryClass(), List.copyOf(devices.values()), applicationKeys);
        return new Plan(applicationName, target, graph, keys, arguments);
    }

    private static DeviceNode connect(ApplicationModel application, Target target, DeviceParameter parameter,
            Map<String, DeviceNode> devices) throws UnikernelException {
        DeviceType type = DeviceType.forInterface(parameter.typeName());
        if (type == null) {
            throw new MissingDeviceException("target " + target.name() + " provides no device of type "
                    + parameter.typeName() + " (parameter " + parameter.parameterName() + " of "
                    + application.entryClass() + "); devices are "
                    + Arrays.stream(DeviceType.values()).map(DeviceType::simpleName).collect(Collectors.joining(", "))
                    + ", and keys are parameters annotated with @Key");
        }
        String name = parameter.deviceName() != null ? parameter.deviceName() : type.defaultName();
        String id = type + ":" + name;
        DeviceNode existing = devices.get(id);
        if (existing != null) {
            if (parameter.deviceName() == null) {
                throw new ApplicationException(application.entryClass() + " takes several " + type.simpleName()
                        + " parameters: name each with @Device(\"...\") or compile with -parameters");
            }
            return existing;
        }
        DeviceBinding binding = target.bind(type, name);
        if (binding == null) {
            throw new MissingDeviceException("target " + target.name() + " provides no " + type.simpleName()
                    + " device (needed for '" + name + "' of " + application.entryClass() + ")");
        }
        DeviceNode node = new DeviceNode(name, type, variableName(name, devices), binding);
        devices.put(id, node);
        return node;
    }

    private static void checkUniqueKeys(List<KeySpec> keys, Target target) throws ApplicationException {
        Set<String> seen = new java.util.HashSet<>();
        for (KeySpec key : keys) {
            if (!seen.add(key.name())) {
                throw new ApplicationException("runtime key '" + key.name() + "' is declared twice (by the application"
                        + " and by a device of target " + target.name() + "): rename the application's key or the device");
            }
        }
    }

    private static String variableName(String deviceName, Map<String, DeviceNode> devices) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : deviceName.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String base = JAVA_KEYWORDS.contains(camel.toString()) ? camel + "Device" : camel.toString();
        String candidate = base;
        int n = 2;
        while (isTaken(candidate, devices)) {
            candidate = base + n++;
        }
        return candidate;
    }

    private static boolean isTaken(String variable, Map<String, DeviceNode> devices) {
        return devices.values().stream().anyMatch(d -> d.variable().equals(variable));
    }

    /** The generated expression that reads a key's value with its Java type. */
    static String readExpression(KeySpec spec) {
        String quoted = JavaText.quote(spec.name());
        if (spec.optional()) {
            return "keys.optional(" + quoted + ", " + javaClass(spec.type()) + ".class)";
        }
        return switch (spec.type()) {
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
