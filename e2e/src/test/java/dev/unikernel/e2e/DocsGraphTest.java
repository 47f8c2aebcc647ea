package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture of the sftp example's device graph in README.md (docs/sftp-device-graph.svg) is
 * what unikernel:describe draws today. Needs graphviz. To refresh it, copy graph.dot and graph.svg
 * from examples/sftp/target/unikernel/unix/ after running describe there.
 */
class DocsGraphTest {

    private static final Path DOCS = Command.ROOT.resolve("docs");

    @Test
    void theReadmePictureIsTheCurrentGraph(@TempDir Path copy) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/dot")), "Graphviz is missing: apt-get install graphviz");
        Command.of(Command.ROOT, "bash", "-c", "tar -C examples/sftp --exclude=./target --exclude=./demo -cf - . | tar -C "
                + copy + " -xf -").runOk(Duration.ofMinutes(1));
        Command.maven(copy, "-q", "unikernel:describe", "-Dtarget=unix")
                .runOk(Duration.ofMinutes(10));
        Path out = copy.resolve("target/unikernel/unix");
        assertEquals(Files.readString(DOCS.resolve("sftp-device-graph.dot")), Files.readString(out.resolve("graph.dot")),
                "docs/sftp-device-graph.dot is stale: copy graph.dot and graph.svg from " + out);
        String svg = Files.readString(out.resolve("graph.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("SftpUnikernel"), svg);
        assertEquals(titles(svg), titles(Files.readString(DOCS.resolve("sftp-device-graph.svg"))),
                "docs/sftp-device-graph.svg shows other nodes and edges than describe draws now");
        assertTrue(Files.readString(Command.ROOT.resolve("README.md")).contains("(docs/sftp-device-graph.svg)"));
    }

    /** The nodes and edges of an SVG Graphviz wrote: layout coordinates differ between versions, these do not. */
    private static TreeSet<String> titles(String svg) {
        TreeSet<String> titles = new TreeSet<>();
        Matcher m = Pattern.compile("<title>([^<]*)</title>").matcher(svg);
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }
}
