package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release as a user meets it: {@code scripts/release.sh} run on a copy of this tree deploys the
 * framework to a file repository, and {@code examples/hello} of that release builds and runs from it
 * with an empty local repository (third-party artifacts from Maven Central, nothing of ours but the release).
 */
class ReleaseRepositoryTest {

    private static final String VERSION = "0.1.0";

    @TempDir
    Path work;

    @Test
    void helloBuildsFromAReleaseInAFileRepositoryWithAnEmptyLocalRepository() throws Exception {
        Path tree = copyOfTree(work.resolve("tree"));
        Path repository = work.resolve("repository");
        Command.of(tree, "bash", "scripts/release.sh", VERSION, repository.toUri().toString(),
                "-q", "-DskipTests", "-Dmaven.install.skip=true").runOk(Duration.ofMinutes(15));

        Path api = repository.resolve("dev/unikernel/unikernel-api/" + VERSION);
        assertTrue(Files.isRegularFile(api.resolve("unikernel-api-" + VERSION + ".jar")), "api jar deployed");
        assertTrue(Files.isRegularFile(api.resolve("unikernel-api-" + VERSION + "-sources.jar")), "api sources deployed");
        try (ZipFile javadoc = new ZipFile(api.resolve("unikernel-api-" + VERSION + "-javadoc.jar").toFile())) {
            assertTrue(javadoc.getEntry("dev/unikernel/api/BlockDevice.html") != null, "api Javadoc documents BlockDevice");
        }
        for (String artifact : List.of("unikernel-maven-plugin", "unikernel-engine", "unikernel-runtime-unix",
                "unikernel-runtime-vm", "unikernel-runtime-oci", "unikernel-archetype", "unikernel-parent")) {
            assertTrue(Files.isDirectory(repository.resolve("dev/unikernel/" + artifact + "/" + VERSION)),
                    artifact + " deployed");
        }
        for (String testOnly : List.of("unikernel-e2e", "unikernel-benchmarks", "unikernel-reliability")) {
            assertTrue(Files.notExists(repository.resolve("dev/unikernel/" + testOnly)), testOnly + " not published");
        }
        assertEquals(List.of(), filesMentioning(repository, "-SNAPSHOT", ".pom"), "deployed poms name snapshots");
        assertEquals(List.of(), filesMentioning(tree.resolve("docs"), VERSION + "-SNAPSHOT", ".md"),
                "the released docs still name the snapshot");

        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, settingsWithRepository(repository));
        Path emptyLocal = work.resolve("empty-local-repository");
        Path hello = tree.resolve("examples/hello");
        // MAVEN_ARGS of the surrounding build may name its own local repository: this build has its own.
        Command.maven(hello, "-q", "-s", settings.toString(), "-Dmaven.repo.local=" + emptyLocal,
                "package", "unikernel:build", "-Dtarget=unix").withEnvironment(Map.of("MAVEN_ARGS", ""))
                .runOk(Duration.ofMinutes(10));

        String greeting = Command.of(hello, hello.resolve("target/unikernel/unix/bin/hello").toString(),
                "--name=release").runOk(Duration.ofMinutes(1));
        assertTrue(greeting.contains("Hello, release!"), greeting);
        assertTrue(Files.isDirectory(emptyLocal.resolve("dev/unikernel/unikernel-maven-plugin/" + VERSION)),
                "the plugin came from the release");
        try (Stream<Path> ours = Files.list(emptyLocal.resolve("dev/unikernel"))) {
            List<String> snapshots = ours.flatMap(ReleaseRepositoryTest::versions).filter(v -> v.endsWith("-SNAPSHOT"))
                    .toList();
            assertEquals(List.of(), snapshots, "snapshots reached the consumer's local repository");
        }
    }

    /** The checkout's files as git knows them (tracked, and new ones not ignored): no build outputs. */
    private static Path copyOfTree(Path copy) throws Exception {
        String files = Command.of(Command.ROOT, "git", "ls-files", "-c", "-o", "--exclude-standard")
                .runOk(Duration.ofMinutes(1));
        for (String name : files.lines().filter(line -> !line.isBlank()).toList()) {
            Path source = Command.ROOT.resolve(name);
            if (Files.isRegularFile(source)) {
                Path target = copy.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static String settingsWithRepository(Path repository) {
        String url = repository.toUri().toString();
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>release-under-test</id>
                      <repositories><repository><id>release</id><url>%1$s</url></repository></repositories>
                      <pluginRepositories><pluginRepository><id>release</id><url>%1$s</url></pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>release-under-test</activeProfile></activeProfiles>
                </settings>
                """.formatted(url);
    }

    private static List<Path> filesMentioning(Path directory, String text, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                if (Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                    found.add(directory.relativize(file));
                }
            }
        }
        return found;
    }

    private static Stream<String> versions(Path artifact) {
        try (Stream<Path> entries = Files.list(artifact)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
