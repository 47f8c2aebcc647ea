package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The licence is at the root and every project's pom names it, itself or through the parent pom. */
class LicenceTest {

    @Test
    void everyPomNamesTheApacheLicence() throws Exception {
        String licence = Files.readString(Command.ROOT.resolve("LICENSE"));
        assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"));
        List<Path> poms;
        try (Stream<Path> walk = Files.walk(Command.ROOT)) {
            // Test projects (invoker ITs, archetype templates and tests) are not ours to license.
            poms = walk.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> Stream.of("/target/", "/src/it/", "/src/test/", "/archetype-resources/", "/.git/")
                            .noneMatch(part -> p.toString().contains(part)))
                    .toList();
        }
        assertTrue(poms.size() >= 18, poms.toString());
        for (Path pom : poms) {
            String text = Files.readString(pom);
            boolean named = text.contains("<name>Apache-2.0</name>");
            boolean inherited = text.contains("<artifactId>unikernel-parent</artifactId>") && text.contains("<parent>");
            assertTrue(named || inherited, pom + " names no licence");
        }
    }
}
