package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.DeviceGraph.DeviceNode;

/**
 * Draws a plan's device graph as Graphviz DOT: every device of every stack with its provider, each
 * feeding the device that needs it, the application's devices feeding the application, keys feeding
 * the device or application that reads them.
 */
public final class GraphRenderer {

    private GraphRenderer() {
    }

    public static String toDot(Plan plan) {
        DeviceGraph graph = plan.graph();
        String app = graph.entryClass().substring(graph.entryClass().lastIndexOf('.') + 1);
        StringBuilder dot = new StringBuilder();
        dot.append("digraph ").append(quote(plan.applicationName())).append(" {\n");
        dot.append("  label=").append(quote(plan.applicationName() + " on target " + plan.target().name())).append(";\n");
        dot.append("  labelloc=t;\n");
        dot.append("  rankdir=LR;\n");
        dot.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        dot.append("  app [shape=box, style=\"rounded,bold\", label=").append(quote(app + "\\n" + graph.entryClass()))
                .append("];\n");
        for (DeviceNode device : graph.devices()) {
            String id = id(device.name());
            dot.append("  ").append(id).append(" [shape=box").append(device.deferred() ? ", style=dashed" : "")
                    .append(", label=").append(quote(device.name() + ": " + device.contractName() + "\\n"
                            + device.provider().name() + (device.deferred() ? " (deferred)" : "")))
                    .append("];\n");
            for (String dependency : device.dependencies()) {
                dot.append("  ").append(id(dependency)).append(" -> ").append(id).append(";\n");
            }
            if (plan.arguments().contains(device.variable())) {
                dot.append("  ").append(id).append(" -> app;\n");
            }
            for (KeySpec key : device.keys()) {
                keyNode(dot, key, id);
            }
        }
        for (KeySpec key : graph.applicationKeys()) {
            keyNode(dot, key, "app");
        }
        dot.append("}\n");
        return dot.toString();
    }

    private static String id(String deviceName) {
        return "device_" + deviceName.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static void keyNode(StringBuilder dot, KeySpec key, String to) {
        String id = "key_" + key.name().replace('-', '_');
        String label = key.name() + " : " + key.type().name().toLowerCase(java.util.Locale.ROOT)
                + (key.defaultValue() != null ? "\\n= " + key.defaultValue() : key.optional() ? "\\n(optional)" : "");
        dot.append("  ").append(id).append(" [shape=note, label=").append(quote(label)).append("];\n");
        dot.append("  ").append(id).append(" -> ").append(to).append(" [style=dashed];\n");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
    }
}
