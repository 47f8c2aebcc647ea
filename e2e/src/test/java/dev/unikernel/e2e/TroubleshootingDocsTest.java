package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md stays true to the code: each entry's heading quotes a piece of a message
 * (### `fragment`) that still occurs verbatim in the sources the build ships (a module's src/main,
 * its resources and templates, scripts/), and each entry says its cause and its fix. A message of
 * another tool is headed ### "text" (from TOOL) and not looked for.
 */
class TroubleshootingDocsTest {

    private static final Path PAGE = Command.ROOT.resolve("docs/troubleshooting.md");
    private static final Pattern OUR_MESSAGE = Pattern.compile("### `([^`]+)`");
    private static final Pattern OTHER_TOOL = Pattern.compile("### \"[^\"]+\" \\(from [^)]+\\)");

    @Test
    void everyHeadingQuotesAMessageTheCodeStillPrints() throws IOException {
        Map<String, String> entries = entries();
        assertTrue(entries.size() >= 30, "too few entries: " + entries.keySet());
        List<String> sources = shippedSources();
        assertTrue(sources.size() > 100, "found only " + sources.size() + " source files under " + Command.ROOT);
        List<String> gone = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String heading : entries.keySet()) {
            Matcher ours = OUR_MESSAGE.matcher(heading);
            if (ours.matches()) {
                String fragment = ours.group(1);
                if (sources.stream().noneMatch(text -> text.contains(fragment))) {
                    gone.add(fragment);
                }
            } else if (!OTHER_TOOL.matcher(heading).matches()) {
                malformed.add(heading);
            }
        }
        assertTrue(malformed.isEmpty(), "headings in " + PAGE + " must read ### `fragment of our message` or"
                + " ### \"another tool's message\" (from TOOL): " + malformed);
        assertTrue(gone.isEmpty(), "these message fragments of " + PAGE + " occur in no source file any more"
                + " (reworded? update the entry): " + gone);
    }

    @Test
    void everyEntrySaysItsCauseAndItsFix() throws IOException {
        List<String> incomplete = new ArrayList<>();
        entries().forEach((heading, body) -> {
            if (!body.contains("**Cause:**") || !body.contains("**Fix:**")) {
                incomplete.add(heading);
            }
        });
        assertTrue(incomplete.isEmpty(), "entries without a **Cause:** and a **Fix:** paragraph: " + incomplete);
    }

    @Test
    void theReadmeAndTheGuideLinkBothPages() throws IOException {
        String readme = Files.readString(Command.ROOT.resolve("README.md"));
        String guide = Files.readString(Command.ROOT.resolve("docs/guide.md"));
        for (String link : List.of("troubleshooting.md", "limits.md")) {
            assertTrue(readme.contains("(docs/" + link + ")"), "README.md does not link docs/" + link);
            assertTrue(guide.contains("(" + link + ")"), "docs/guide.md does not link " + link);
            assertTrue(Files.isRegularFile(Command.ROOT.resolve("docs").resolve(link)), link);
        }
    }

    /** Each ### heading of the page with the text up to the next heading, in order. */
    private static Map<String, String> entries() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("#")) {
                if (heading != null) {
                    entries.put(heading, body.toString());
                }
                heading = line.startsWith("### ") ? line.strip() : null;
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (heading != null) {
            entries.put(heading, body.toString());
        }
        return entries;
    }

    /** The text of every file a user's build or run can print from: sources, resources, templates, scripts. */
    private static List<String> shippedSources() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Command.ROOT)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(TroubleshootingDocsTest::shipped).toList()) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return texts;
    }

    private static boolean shipped(Path file) {
        String path = Command.ROOT.relativize(file).toString().replace('\\', '/');
        if (Stream.of("target/", ".git/", "src/it/").anyMatch(part -> path.startsWith(part) || path.contains("/" + part))) {
            return false;
        }
        return path.contains("/src/main/") || path.startsWith("scripts/");
    }
}
