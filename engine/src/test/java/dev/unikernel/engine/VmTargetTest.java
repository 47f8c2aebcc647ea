package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.boot.KeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vm target's bindings: golden Main, and that Main compiles against runtime-vm. */
class VmTargetTest {

    @Test
    void generatedMainMatchesTheGoldenFileAndCompilesAgainstTheVmRuntime(@TempDir Path temp) throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "vm", "storage");
        String main = MainGenerator.generate(plan, "TEST");
        PlannerTest.assertGolden("storage-vm-Main.java", main);

        Path source = temp.resolve("unikernel/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, main);
        List<Path> classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        MainCompiler.compile(source, Path.of("target/test-classes"), classpath, temp.resolve("classes"));
        assertTrue(Files.isRegularFile(temp.resolve("classes/unikernel/Main.class")));
    }

    @Test
    void disksDefaultToTheFirstVirtioDiskAndTheNetworkToQemusUserNetwork() throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "vm", "storage");
        List<String> defaults = plan.keys().stream().filter(k -> k.defaultValue() != null)
                .map(k -> k.name() + "=" + k.defaultValue()).toList();
        assertEquals(List.of("port=2222", "read-only=false", "data=/dev/vda", "format-blank=false", "scratch-disk=/dev/vda", "ip=10.0.2.15",
                "netmask=255.255.255.0", "gateway=10.0.2.2", "dns=10.0.2.3"), defaults);
        assertTrue(plan.keys().stream().filter(KeySpec::isSecret).anyMatch(k -> k.name().equals("passphrase")));
    }

    @Test
    void theHeapGetsWhatTheInitramfsAndTheReserveLeave() {
        // 256 MiB: 256 - 62 - 140 = 54 MiB of the 216 the guest reports (VmSftpTest boots sftp in it).
        assertEquals(25, VmPackager.heapPercentage(256, 62L << 20));
        assertEquals(10, VmPackager.heapPercentage(192, 62L << 20), "never below 10%");
        assertEquals(75, VmPackager.heapPercentage(8192, 62L << 20), "never above 75%");
    }

    @Test
    void theHeapLimitHoldsInSmallVmsToo() {
        // HotSpot uses MinRAMPercentage as the limit in small RAM: both must carry the share.
        List<String> options = VmPackager.javaMemoryOptions(25);
        assertTrue(options.contains("-XX:MinRAMPercentage=25"), options.toString());
        assertTrue(options.contains("-XX:MaxRAMPercentage=25"), options.toString());
    }
}
