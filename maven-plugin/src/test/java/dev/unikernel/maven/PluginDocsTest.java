package dev.unikernel.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every goal and user-settable parameter has a description in the plugin descriptor (which the
 * help goal prints) and is documented in docs/plugin.md, so a new parameter cannot go undocumented.
 */
class PluginDocsTest {

    /** Written by maven-plugin-plugin in process-classes, before the tests run. */
    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
    private static final Path DOCS = Path.of("../docs/plugin.md");

    @Test
    void everyGoalAndParameterIsDescribedAndDocumented() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), "no plugin descriptor at " + DESCRIPTOR.toAbsolutePath());
        String docs = Files.readString(DOCS);
        Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        List<String> problems = new ArrayList<>();
        List<String> goals = new ArrayList<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = child(mojo, "goal");
            goals.add(goal);
            if (child(mojo, "description").isBlank()) {
                problems.add("goal " + goal + " has no description (Javadoc on its Mojo class)");
            }
            if (!docs.contains("unikernel:" + goal)) {
                problems.add("docs/plugin.md does not mention unikernel:" + goal);
            }
            Element parameters = firstChild(mojo, "parameters");
            NodeList list = parameters == null ? null : parameters.getElementsByTagName("parameter");
            for (int j = 0; list != null && j < list.getLength(); j++) {
                Element parameter = (Element) list.item(j);
                if (!"true".equals(child(parameter, "editable"))) {
                    continue;
                }
                String name = child(parameter, "name");
                if (child(parameter, "description").isBlank()) {
                    problems.add(goal + " parameter " + name + " has no description (Javadoc on its field)");
                }
                if (!docs.contains("`" + name + "`")) {
                    problems.add("docs/plugin.md does not document `" + name + "` of unikernel:" + goal);
                }
            }
        }
        assertTrue(goals.containsAll(List.of("configure", "build", "run", "describe", "clean", "help")), goals.toString());
        assertTrue(problems.isEmpty(), String.join("\n", problems.stream().distinct().toList()));
    }

    @Test
    void theDocsNameNoParameterThePluginLacks() throws Exception {
        // A row of a parameter table is "| `name` | ...": each must still exist in the plugin.
        Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
        NodeList names = descriptor.getElementsByTagName("name");
        List<String> known = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            known.add(names.item(i).getTextContent().trim());
        }
        List<String> stale = new ArrayList<>();
        for (String line : Files.readAllLines(DOCS)) {
            if (line.startsWith("| `")) {
                String name = line.substring(3, line.indexOf('`', 3));
                if (!name.startsWith("unikernel:") && !known.contains(name)) {
                    stale.add(name);
                }
            }
        }
        assertFalse(known.isEmpty());
        assertTrue(stale.isEmpty(), "docs/plugin.md documents parameters the plugin does not have: " + stale);
    }

    private static String child(Element element, String name) {
        Element child = firstChild(element, name);
        return child == null ? "" : child.getTextContent().trim();
    }

    /** The direct child called {@code name}: parameters have <name> and <description> of their own. */
    private static Element firstChild(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
