package dev.unikernel.engine.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

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
                .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(120)
                // A value given twice is written twice: readers of these files expect no anchors.
                .setDereferenceAliases(true).build();
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        out.append(new Dump(settings, new QuotingRepresenter(settings)).dumpAllToString(new ArrayList<Object>(documents).iterator()));
        return out.toString();
    }

    /**
     * Quotes {@code 22:22} and {@code 65532:65532}: YAML 1.1 readers (compose's docs warn of it) take
     * digits joined by colons for a base-60 number.
     */
    private static final class QuotingRepresenter extends StandardRepresenter {

        private static final Pattern SEXAGESIMAL = Pattern.compile("[0-9]+(:[0-9]+)+");

        QuotingRepresenter(DumpSettings settings) {
            super(settings);
        }

        @Override
        protected Node representScalar(Tag tag, String value, ScalarStyle style) {
            boolean ambiguous = Tag.STR.equals(tag) && SEXAGESIMAL.matcher(value).matches();
            return super.representScalar(tag, value, ambiguous ? ScalarStyle.DOUBLE_QUOTED : style);
        }
    }
}
