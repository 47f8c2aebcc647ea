package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unix launcher, as golden files: without and with an AOT cache, and of an application taking every word. */
class UnixPackagerTest {

    private static final List<String> CLASS_PATH = List.of("lib/unikernel-main.jar", "lib/storage-1.0.jar",
            "lib/unikernel-runtime-unix-1.0.jar");

    private static Plan plan() throws UnikernelException {
        return PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "unix", "storage");
    }

    private static BuildOptions options(AotTraining training) {
        return new BuildOptions(true, List.of(), List.of("-Xmx64m"), VmOptions.defaults(), OciOptions.defaults(),
                training);
    }

    @Test
    void launcherWithoutAnAotCache() throws Exception {
        PlannerTest.assertGolden("storage-unix-launcher.sh",
                UnixPackager.launcherScript(plan(), CLASS_PATH, options(AotTraining.none())));
    }

    @Test
    void launcherWithAnAotCache() throws Exception {
        AotTraining training = new AotTraining(true, List.of("--data=x"), Duration.ofSeconds(3), Path.of("."));
        PlannerTest.assertGolden("storage-unix-launcher-aot.sh",
                UnixPackager.launcherScript(plan(), CLASS_PATH, options(training)));
    }

    @Test
    void launcherOfAnApplicationTakingEveryWord() throws Exception {
        Plan cli = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Cli"), "unix", "cli");
        PlannerTest.assertGolden("cli-unix-launcher.sh",
                UnixPackager.launcherScript(cli, List.of("lib/unikernel-main.jar", "lib/cli-1.0.jar"), options(AotTraining.none())));
    }

    @Test
    void aJarNameTheLauncherCannotQuoteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UnixPackager.launcherScript(plan(),
                List.of("lib/a$(reboot).jar"), options(AotTraining.none())));
    }
}
