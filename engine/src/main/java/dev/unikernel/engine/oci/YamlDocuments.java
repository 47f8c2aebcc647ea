package dev.unikernel.engine.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * YAML text through SnakeYAML Engine: documents are built as insertion-ordered maps, so the same
 * build writes the same bytes, and quoting is the library's, never ours. A header of {@code #} lines
 * goes first: the place for the commands the user runs before applying the file.
 */
final class YamlDocuments {

    private YamlDocuments() {
    }

    /** An insertion-ordered map from alternating keys and values, the order they are written in. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** The header lines as comments, then each document, each starting with {@code ---}. */
    static String text(List<String> header, List<Map<String, Object>> documents) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setExplicitStart(true)
                .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(120).build();
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        out.append(new Dump(settings).dumpAllToString(new ArrayList<Object>(documents).iterator()));
        return out.toString();
    }
}
