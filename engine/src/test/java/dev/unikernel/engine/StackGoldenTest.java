package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated Main and graph of each of the sftp example's stacks on each target, as golden files
 * (src/test/resources/golden/served-STACK-TARGET-*), each Main compiled against its target's runtime.
 */
class StackGoldenTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "fat(luks(disk)), unix", "fat(luks(disk)), vm", "fat(luks(disk)), oci",
            "fat(disk), unix", "fat(disk), vm", "fat(disk), oci",
            "fat(memory), unix", "fat(memory), vm", "fat(memory), oci"})
    void mainAndGraphMatchTheGoldenFilesAndMainCompiles(String stack, String target, @TempDir Path temp) throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Served"), target, "served",
                KeyDefaults.none(), DeviceStacks.parse(List.of("volume=" + stack), null, Targets.names()));
        String name = "served-" + stack.replaceAll("[()]+", "-").replaceAll("-$", "") + "-" + target;
        String main = MainGenerator.generate(plan, "TEST");
        PlannerTest.assertGolden(name + "-Main.java", main);
        PlannerTest.assertGolden(name + "-graph.dot", GraphRenderer.toDot(plan));

        Path source = temp.resolve("unikernel/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, main);
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        MainCompiler.compile(source, Path.of("target/test-classes"), classpath, temp.resolve("classes"));
        assertTrue(Files.isRegularFile(temp.resolve("classes/unikernel/Main.class")));
    }
}
