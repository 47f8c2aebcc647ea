package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.ApplicationModel.ArgumentsParameter;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application taking the program's words (Arguments): its generated Main on each target, as a
 * golden file (src/test/resources/golden/cli-TARGET-Main.java) compiled against the target's runtime.
 */
class ArgumentsGoldenTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unix", "vm", "oci"})
    void mainGivesEveryWordToTheDeviceAndNoneToTheBoot(String target, @TempDir Path temp) throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Cli"), target, "cli");
        assertEquals("argv", plan.argumentsDevice().provider().name());
        assertEquals(List.of(MainGenerator.PROGRAM_ARGUMENTS), plan.argumentsDevice().arguments());
        String main = MainGenerator.generate(plan, "TEST");
        PlannerTest.assertGolden("cli-" + target + "-Main.java", main);

        Path source = temp.resolve("unikernel/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, main);
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        MainCompiler.compile(source, Path.of("target/test-classes"), classpath, temp.resolve("classes"));
        assertTrue(Files.isRegularFile(temp.resolve("classes/unikernel/Main.class")));
    }

    @Test
    void anApplicationWithoutTheWordsBootsWithThem() throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Served"), "unix", "served");
        assertEquals(null, plan.argumentsDevice());
        assertTrue(MainGenerator.generate(plan, "TEST").contains("UnixBoot.run(\"served\", args, KEYS, boot -> {"));
    }

    @Test
    void aProvidersStringArrayParameterIsTheProgramsWords() throws Exception {
        ProviderSpec argv = PlannerTest.catalogue().named("argv").stream().filter(p -> p.worksOn("vm")).findFirst()
                .orElseThrow();
        assertEquals(List.of(new ArgumentsParameter("'words'")), argv.parameters());
        assertTrue(argv.takesArguments());
    }

    @Test
    void anApplicationTakingAStringArrayIsToldToAskForArguments() {
        ApplicationModel model = new ApplicationModel("example.Tool", List.of(new ArgumentsParameter("'args'")));
        ApplicationException e = assertThrows(ApplicationException.class, () -> PlannerTest.plan(model, "unix", "tool"));
        assertEquals("parameter 'args' of example.Tool is a String[]: take the program's words as a device,"
                + " dev.unikernel.api.Arguments", e.getMessage());
    }

    @Test
    void aNamedArgumentsDeviceIsStillTheWords() throws Exception {
        ApplicationModel model = new ApplicationModel("example.Tool", List.of(
                new DeviceParameter("'words'", "dev.unikernel.api.Arguments", "words", false, "arguments")));
        Plan plan = PlannerTest.plan(model, "oci", "tool");
        assertEquals("words", plan.argumentsDevice().name());
        assertTrue(MainGenerator.generate(plan, "TEST").contains("Arguments words = HostDevices.argv(args);"));
    }
}
