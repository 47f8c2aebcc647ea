package dev.unikernel.engine.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunScriptTest {

    @TempDir
    Path work;

    private static RunScript script(boolean registry) {
        return new RunScript("sftp", registry ? "127.0.0.1:5000/sftp:1" : "sftp.tar", registry, registry,
                List.of("/jre/bin/java", "-Dx=\"quoted\" it's", "-cp", "/app/a.jar", "unikernel.Main"),
                Map.of("LANG", "C.UTF-8", "UNIKERNEL_PORT", "22"), 65532, 65532, "/data", List.of(22));
    }

    @Test
    void isValidBashForBothSources() throws Exception {
        for (boolean registry : new boolean[] {false, true}) {
            Path file = Files.writeString(work.resolve("run-" + registry + ".sh"), script(registry).text());
            Process check = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertEquals(0, check.waitFor(), output);
        }
    }

    @Test
    void carriesTheImageConfigurationIntoTheRuncBundle() {
        String text = script(false).text();
        assertTrue(text.contains("image=\"oci-archive:$here/sftp.tar\""), text);
        assertTrue(text.contains("args=('\"/jre/bin/java\"' '\"-Dx=\\\"quoted\\\" it'\\''s\"'"), text);
        assertTrue(text.contains("'\"UNIKERNEL_PORT=22\"'"), text);
        assertTrue(text.contains("\"user\": {\"uid\": 65532, \"gid\": 65532}"), text);
        assertTrue(text.contains("-p 22:22"), text);
        assertTrue(script(true).text().contains("image=\"docker://127.0.0.1:5000/sftp:1\""));
        assertTrue(script(true).text().contains("skopeo copy -q --src-tls-verify=false"));
    }

    @Test
    void aMissingToolIsNamedWithItsPackageBeforeAnythingElseHappens() throws Exception {
        Path file = Files.writeString(work.resolve("run-sftp.sh"), script(false).text());
        // A PATH holding only what the script needs before it looks for an engine.
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of("bash", "dirname")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("bash").toString(), file.toString(), "--port=22")
                .redirectOutput(work.resolve("stdout").toFile()).redirectError(work.resolve("stderr").toFile());
        builder.environment().put("PATH", bin.toString());
        assertEquals(127, builder.start().waitFor());
        assertEquals("", Files.readString(work.resolve("stdout")));
        assertEquals("sftp: skopeo umoci runc not found: install podman (apt-get install podman), or docker, or"
                + " skopeo, umoci and runc (Debian and Ubuntu: apt-get install skopeo umoci runc)\n",
                Files.readString(work.resolve("stderr")));
        assertTrue(Files.notExists(work.resolve("data")), "the script created its data directory before failing");
    }

    @Test
    void runAsAnotherUserTheVolumeKeepsItsModeAndTheContainersUserIsTheCaller() throws Exception {
        assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim()),
                "running the script as another user needs root");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = Files.writeString(work.resolve("run-sftp.sh"), script(false).text());
        Path bin = Files.createDirectories(work.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "id", "mkdir", "env", "grep", "sed", "tail", "cat")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        Path home = Files.createDirectories(work.resolve("home"));
        Files.setAttribute(home, "unix:uid", NOBODY);
        Files.setAttribute(home, "unix:gid", NOBODY);
        Path record = home.resolve("engine-arguments");
        for (String engine : List.of("podman", "docker")) {
            Path fakes = Files.createDirectories(work.resolve("fake-" + engine));
            // The stand-in answers docker info and docker load, and records what a run asks for.
            Path fake = Files.writeString(fakes.resolve(engine), """
                    #!/bin/bash
                    case "$1" in
                    info) exit 0 ;;
                    load) echo "Loaded image: sftp:built"; exit 0 ;;
                    esac
                    printf '%s\\n' "$@" > "$RECORD"
                    """);
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = home.resolve("data-" + engine);
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", bin.resolve("bash").toString(), script.toString(), "--port=22")
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of("PATH", fakes + ":" + bin, "RECORD", record.toString(),
                    "OCI_DATA", data.toString()));
            Process run = builder.start();
            String output = new String(run.getInputStream().readAllBytes());
            assertEquals(0, run.waitFor(), output);
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(data));
            assertTrue(!mode.endsWith("w-") && !mode.endsWith("wx") && mode.charAt(5) != 'w', engine + ": the volume is "
                    + mode + ", open to others");
            List<String> arguments = Files.readAllLines(record);
            String expected = engine.equals("podman") ? "--userns=keep-id:uid=65532,gid=65532" : "--user";
            assertTrue(arguments.contains(expected), engine + ": " + arguments);
            if (engine.equals("docker")) {
                assertEquals(NOBODY + ":" + NOBODY, arguments.get(arguments.indexOf("--user") + 1), arguments.toString());
            }
            assertTrue(arguments.contains(data + ":/data"), arguments.toString());
        }
    }

    private static final int NOBODY = 65534;
}
