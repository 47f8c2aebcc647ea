package dev.unikernel.engine;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.DeviceGraph.DeviceNode;

/** Draws a plan's device graph as Graphviz DOT: keys feed devices, devices feed the application. */
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
            String id = "device_" + device.variable();
            dot.append("  ").append(id).append(" [shape=box, label=")
                    .append(quote(device.name() + ": " + device.type().simpleName() + "\\n" + device.binding().implementationName()))
                    .append("];\n");
            dot.append("  ").append(id).append(" -> app;\n");
            for (KeySpec key : device.binding().keys()) {
                keyNode(dot, key, id);
            }
        }
        for (KeySpec key : graph.applicationKeys()) {
            keyNode(dot, key, "app");
        }
        dot.append("}\n");
        return dot.toString();
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
