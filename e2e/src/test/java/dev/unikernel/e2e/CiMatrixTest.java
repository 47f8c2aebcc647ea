package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI matrix of .github/workflows/ci.yml, run here: the workflow's matrix is unix, vm, oci and
 * its build step is scripts/ci-matrix.sh, which this test runs for every target this version
 * builds, in strict mode (a smoke run whose tools are missing fails). Needs what the targets need
 * to run hello: qemu-system-x86 and linux-image-cloud-amd64 (vm); runc, skopeo, umoci as root (oci).
 */
class CiMatrixTest {

    private static final Path WORKFLOW = Command.ROOT.resolve(".github/workflows/ci.yml");

    @Test
    void theWorkflowRunsTheScriptForEveryTarget() throws Exception {
        String workflow = Files.readString(WORKFLOW);
        assertTrue(workflow.contains("target: [unix, vm, oci]"), "the matrix lists every target:\n" + workflow);
        assertTrue(workflow.contains("run: scripts/ci-matrix.sh ${{ matrix.target }}"),
                "the workflow builds through the script this test runs:\n" + workflow);
        assertTrue(workflow.contains("CI_MATRIX_STRICT: '1'"), "CI smoke-runs every target:\n" + workflow);
        assertEquals(List.of("unix", "vm", "oci"), Targets.names(), "a new target belongs in the matrix");
    }

    @Test
    void theMatrixPassesForEveryAvailableTarget(@TempDir Path work) throws Exception {
        List<String> targets = Targets.names();
        assertFalse(targets.isEmpty());
        List<String> command = new ArrayList<>(List.of("bash", Command.ROOT.resolve("scripts/ci-matrix.sh").toString()));
        command.addAll(targets);
        Command.Result result = new Command(command, Command.ROOT,
                Map.of("CI_MATRIX_STRICT", "1", "CI_MATRIX_WORKDIR", work.toString())).run(Duration.ofMinutes(30));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), result.output());
        for (String target : targets) {
            assertTrue(result.output().contains("ci-matrix: target " + target + " passed"), result.output());
        }
        assertTrue(Files.isExecutable(work.resolve("hello/target/unikernel/unix/bin/hello")) || !targets.contains("unix"));
        assertFalse(result.output().contains("skipped:"), "strict mode runs every smoke test");
    }

    @Test
    void anUnknownTargetFailsTheScript() throws Exception {
        Command.Result result = Command.of(Command.ROOT, "bash", "scripts/ci-matrix.sh", "bogus").run(Duration.ofMinutes(1));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("unknown target 'bogus'"), result.output());
    }
}
