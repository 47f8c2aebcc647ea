package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Path TEST_CLASSES = Path.of("target/test-classes");

    static ApplicationModel inspect(String className) throws UnikernelException {
        try {
            Path api = Path.of(dev.unikernel.api.Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return ApplicationInspector.inspect(TEST_CLASSES, List.of(api), className);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The providers of the test class path: api's memory, runtime-unix's, runtime-vm's. */
    static Catalogue catalogue() throws UnikernelException {
        List<Path> classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).toList();
        return CatalogueReader.read(classpath);
    }

    static Plan plan(ApplicationModel model, String target, String name) throws UnikernelException {
        return plan(model, target, name, KeyDefaults.none(), DeviceStacks.none());
    }

    static Plan plan(ApplicationModel model, String target, String name, KeyDefaults defaults, DeviceStacks stacks)
            throws UnikernelException {
        return Planner.plan(model, catalogue(), Targets.find(target), name, defaults, stacks);
    }

    @Test
    void inspectorReadsDevicesAndKeysInConstructorOrder() throws Exception {
        ApplicationModel model = inspect("dev.unikernel.engine.apps.Storage");
        assertEquals(9, model.parameters().size());
        assertEquals(new ApplicationModel.DeviceParameter("'data'", "dev.unikernel.api.BlockDevice", "data", false, "disk"),
                model.parameters().get(0));
        assertEquals(new ApplicationModel.DeviceParameter("'network'", "dev.unikernel.api.Network", "network", false, "net"),
                model.parameters().get(2));
        ApplicationModel.KeyParameter createSize = (ApplicationModel.KeyParameter) model.parameters().get(6);
        assertEquals(KeySpec.optional("initial-size", KeyType.SIZE, "size of a new disk"), createSize.spec());
        assertEquals("Optional<ByteSize>", createSize.javaType());
    }

    @Test
    void planConnectsEveryDeviceAndListsApplicationKeysBeforeDeviceKeys() throws Exception {
        Plan plan = plan(inspect("dev.unikernel.engine.apps.Storage"), "unix", "storage");
        List<String> devices = plan.graph().devices().stream().map(DeviceNode::name).toList();
        assertEquals(List.of("data", "scratch-disk", "network", "clock"), devices);
        List<String> keys = plan.keys().stream().map(KeySpec::name).toList();
        assertEquals(List.of("port", "read-only", "initial-size", "passphrase", "motd",
                "data", "create-size", "format-blank", "scratch-disk", "listen-address"), keys,
                "one create-size and one format-blank for both files");
        assertEquals("scratchDisk", plan.graph().devices().get(1).variable());
        assertEquals("keys.optional(\"initial-size\", ByteSize.class)", plan.arguments().get(6));
    }

    @Test
    void generatedMainMatchesTheGoldenFile() throws Exception {
        Plan plan = plan(inspect("dev.unikernel.engine.apps.Storage"), "unix", "storage");
        assertGolden("storage-unix-Main.java", MainGenerator.generate(plan, "TEST"));
    }

    @Test
    void generatedMainCompilesAgainstTheUnixRuntime(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Plan plan = plan(inspect("dev.unikernel.engine.apps.Storage"), "unix", "storage");
        Path source = Configurator.write(plan, temp, "TEST", new RecordingLog());
        Path runtime = Path.of(dev.unikernel.runtime.unix.UnixBoot.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Path api = Path.of(dev.unikernel.api.Application.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        MainCompiler.compile(source, TEST_CLASSES, List.of(api, runtime), temp.resolve("classes"));
        assertTrue(java.nio.file.Files.isRegularFile(temp.resolve("classes/unikernel/Main.class")));
    }

    @Test
    void graphMatchesTheGoldenFile() throws Exception {
        Plan plan = plan(inspect("dev.unikernel.engine.apps.Storage"), "unix", "storage");
        assertGolden("storage-unix-graph.dot", GraphRenderer.toDot(plan));
    }

    @Test
    void aDeviceTheTargetLacksFailsAtConfigureTimeNamingTypeAndTarget() throws Exception {
        MissingDeviceException e = assertThrows(MissingDeviceException.class,
                () -> plan(inspect("dev.unikernel.engine.apps.NeedsGpu"), "unix", "gpu"));
        assertTrue(e.getMessage().startsWith("target unix has no provider of Executor (device 'gpu', asked for by"
                + " parameter 'gpu' of dev.unikernel.engine.apps.NeedsGpu)"), e.getMessage());
        assertTrue(e.getMessage().contains("Add a dependency on a jar that provides one"), e.getMessage());
    }

    @Test
    void aKeyClashingWithADeviceKeyIsRefused() throws Exception {
        ApplicationException e = assertThrows(ApplicationException.class,
                () -> plan(inspect("dev.unikernel.engine.apps.TwoClocks"), "unix", "x"));
        assertTrue(e.getMessage().contains("runtime key 'disk' is declared twice"), e.getMessage());
    }

    @Test
    void keyDefaultsApplyPerTargetAndRejectUnknownKeysAndSecrets() throws Exception {
        ApplicationModel model = inspect("dev.unikernel.engine.apps.Storage");
        Plan plan = plan(model, "unix", "s", KeyDefaults.parse(List.of("unix:port=22", "vm:port=23", "read-only=true")), DeviceStacks.none());
        assertEquals("22", plan.keys().get(0).defaultValue());
        assertEquals("true", plan.keys().get(1).defaultValue());
        assertEquals("22", plan.graph().applicationKeys().get(0).defaultValue());
        UnikernelException unknown = assertThrows(UnikernelException.class,
                () -> plan(model, "unix", "s", KeyDefaults.parse(List.of("prot=22")), DeviceStacks.none()));
        assertTrue(unknown.getMessage().contains("<keyDefault>prot=22</keyDefault> names no key"), unknown.getMessage());
        assertThrows(UnikernelException.class,
                () -> plan(model, "unix", "s", KeyDefaults.parse(List.of("passphrase=x")), DeviceStacks.none()));
        assertThrows(UnikernelException.class,
                () -> plan(model, "unix", "s", KeyDefaults.parse(List.of("port=many")), DeviceStacks.none()));
        assertThrows(UnknownTargetException.class, () -> KeyDefaults.parse(List.of("bogus:port=1")));
    }

    @Test
    void unknownTargetListsTheValidOnes() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> Targets.find("bogus"));
        assertTrue(e.getMessage().contains("unix, vm, oci"), e.getMessage());
    }

    @Test
    void targetListsAreParsedInOrderWithoutRepeats() throws Exception {
        assertEquals(List.of("unix"), Targets.parseList("unix,unix").stream().map(Target::name).toList());
        assertThrows(UnknownTargetException.class, () -> Targets.parseList(" , "));
    }

    @Test
    void notAnApplicationIsRefused() {
        ApplicationException e = assertThrows(ApplicationException.class,
                () -> inspect("dev.unikernel.engine.PlannerTest"));
        assertTrue(e.getMessage().contains("does not implement dev.unikernel.api.Application"), e.getMessage());
    }

    @Test
    void severalApplicationsWithoutAChoiceAreRefusedByName() {
        ApplicationException e = assertThrows(ApplicationException.class, () -> inspect(null));
        assertTrue(e.getMessage().contains("dev.unikernel.engine.apps.NeedsGpu"), e.getMessage());
    }

    /** Compares with src/test/resources/golden/NAME; -Dgolden.update=true rewrites the file instead. */
    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            java.nio.file.Files.writeString(Path.of("src/test/resources/golden", name), actual);
            return;
        }
        assertEquals(golden(name), actual, "generated " + name + " differs from the golden file;"
                + " if the change is intended, run the tests with -Dgolden.update=true and review the diff");
    }

    private static String golden(String name) throws IOException {
        try (var in = PlannerTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
