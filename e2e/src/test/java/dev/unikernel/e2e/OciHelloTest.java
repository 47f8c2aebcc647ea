package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/hello built for the oci target (jib-core, no Docker daemon), then checked with the tools
 * the image must work with: skopeo and umoci unpack it, runc runs it (as root), Debian's
 * docker-registry on 127.0.0.1 receives it. Needs the Debian packages skopeo, umoci, runc and
 * docker-registry.
 */
class OciHelloTest {

    private static final Path HELLO = Examples.HELLO;
    private static final Path OUT = HELLO.resolve("target/unikernel/oci");
    private static final String GREETING = "(?s).*Hello, %s! It is \\d{4}-.*Z; your lucky number is [0-9a-f]{16}\\.\\n.*";

    @TempDir
    Path work;

    @BeforeAll
    static void toolsArePresent() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("skopeo", "umoci", "runc", "docker-registry")) {
            if (Command.of(Command.ROOT, "sh", "-c", "command -v " + tool).run(Duration.ofSeconds(10)).exitCode() != 0) {
                missing.add(tool);
            }
        }
        assertTrue(missing.isEmpty(), "the oci tests need " + missing + ": apt-get install skopeo umoci runc docker-registry");
        String uid = Command.of(Command.ROOT, "id", "-u").runOk(Duration.ofSeconds(10)).trim();
        assertEquals("0", uid, "runc runs containers as root here: run the oci tests as root");
    }

    private static String build(String... extra) throws Exception {
        // The revision label is pinned: a commit landing between two builds must not make them differ.
        List<String> arguments = new ArrayList<>(List.of("unikernel:clean", "unikernel:build", "-Dtarget=oci",
                "-Dunikernel.imageRevision=e2e"));
        arguments.addAll(List.of(extra));
        return Command.maven(HELLO, arguments.toArray(String[]::new)).runOk(Duration.ofMinutes(5));
    }

    private static String digest() throws IOException {
        return Files.readString(OUT.resolve("hello.digest")).trim();
    }

    @Test
    void theImageUnpackedWithUmociRunsUnderRuncAndGreets() throws Exception {
        String log = build();
        assertTrue(log.matches("(?s).*Layer 1/4 system .*Layer 2/4 jre .*Layer 4/4 application .*"), log);
        String digest = digest();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        Path tar = OUT.resolve("hello.tar");
        assertEquals(digest, skopeo("inspect", "--format", "{{.Digest}}", "oci-archive:" + tar).trim());

        // The image's own configuration decides how it runs: umoci turns it into runc's config.json.
        Path layout = work.resolve("layout");
        skopeo("copy", "-q", "oci-archive:" + tar, "oci:" + layout + ":hello");
        Command.of(work, "umoci", "config", "--image", layout + ":hello", "--tag", "ada", "--config.cmd=--name=Ada")
                .runOk(Duration.ofMinutes(1));
        Command.Result greeting = runInRunc(layout + ":ada", "ada");
        assertEquals(0, greeting.exitCode(), greeting.output());
        assertTrue(greeting.output().matches(GREETING.formatted("Ada")), greeting.output());

        Command.of(work, "umoci", "config", "--image", layout + ":hello", "--tag", "env",
                "--config.env=UNIKERNEL_NAME=Env").runOk(Duration.ofMinutes(1));
        Command.Result fromEnvironment = runInRunc(layout + ":env", "env");
        assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.output());
        assertTrue(fromEnvironment.output().matches(GREETING.formatted("Env")), fromEnvironment.output());

        Command.of(work, "umoci", "config", "--image", layout + ":hello", "--tag", "typo",
                "--config.env=UNIKERNEL_NMAE=Ada").runOk(Duration.ofMinutes(1));
        Command.Result typo = runInRunc(layout + ":typo", "typo");
        assertEquals(2, typo.exitCode(), typo.output());
        assertTrue(typo.output().contains("unknown key: environment variable UNIKERNEL_NMAE"), typo.output());

        // A second build from a clean tree gives the same image.
        build();
        assertEquals(digest, digest(), "two builds gave different digests");
    }

    @Test
    void unikernelRunRunsTheImage() throws Exception {
        Command.Result run = Command.maven(HELLO, "unikernel:run", "-Dtarget=oci", "-Dunikernel.args=--name=Run")
                .run(Duration.ofMinutes(5));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().matches(GREETING.formatted("Run")), run.output());
    }

    @Test
    void aPushToALocalRegistryCopiesBackByDigestUnchanged() throws Exception {
        build();
        String archived = digest();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("registry.yml"), """
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(work.resolve("storage"), port));
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
        try {
            awaitRegistry(port, registry);
            String image = "127.0.0.1:" + port + "/unikernel/hello:e2e";
            String log = build("-Dunikernel.image=" + image);
            assertTrue(log.contains("Pushed " + image), log);
            assertFalse(Files.exists(OUT.resolve("hello.tar")), "a pushed build leaves no archive behind");
            String pushed = digest();
            assertEquals(archived, pushed, "the pushed image differs from the archived one");

            Path copy = work.resolve("copy.tar");
            skopeo("copy", "-q", "--src-tls-verify=false", "docker://127.0.0.1:" + port + "/unikernel/hello@" + pushed,
                    "oci-archive:" + copy);
            assertEquals(pushed, skopeo("inspect", "--format", "{{.Digest}}", "oci-archive:" + copy).trim());
            assertEquals(pushed, skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "docker://" + image).trim());

            // <from>: the pushed image as a base, pulled over HTTP from 127.0.0.1, its java found on its PATH.
            String based = build("-Dunikernel.from=127.0.0.1:" + port + "/unikernel/hello@" + pushed, "-Dunikernel.jlink=false");
            assertTrue(based.contains("Layer 1/3 system"), based);
            Command.Result run = Command.of(OUT, "bash", OUT.resolve("run-hello.sh").toString(), "--name=Base")
                    .run(Duration.ofMinutes(2));
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().matches(GREETING.formatted("Base")), run.output());
        } finally {
            registry.destroy();
            registry.waitFor();
        }
    }

    /** Unpacks an image with umoci and runs it with runc in the foreground, without a terminal. */
    private Command.Result runInRunc(String image, String name) throws Exception {
        Path bundle = work.resolve("bundle-" + name);
        Command.of(work, "umoci", "--log", "error", "unpack", "--image", image, bundle.toString()).runOk(Duration.ofMinutes(1));
        Path configFile = bundle.resolve("config.json");
        String runtimeConfig = Files.readString(configFile).replaceFirst("\"terminal\":\\s*true", "\"terminal\": false");
        Files.writeString(configFile, runtimeConfig);
        return Command.of(work, "runc", "run", "--bundle", bundle.toString(), "e2e-hello-" + name + "-" + ProcessHandle.current().pid())
                .run(Duration.ofMinutes(1));
    }

    private String skopeo(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.addAll(List.of(arguments));
        return new Command(command, work, java.util.Map.of()).runOk(Duration.ofMinutes(2));
    }

    private void awaitRegistry(int port, Process registry) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!registry.isAlive()) {
                throw new AssertionError("docker-registry exited: " + Files.readString(work.resolve("registry.log")));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("docker-registry did not answer on 127.0.0.1:" + port);
    }
}
