package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.ApplicationModel.DeviceParameter;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Composing stacks from the test class path's providers (memory, file, host, system, virtio) and a few made here. */
class GraphResolverTest {

    private static final String BLOCK = "dev.unikernel.api.BlockDevice";
    private static final String CLOCK = "dev.unikernel.api.Clock";

    /** A decorator BlockDevice -> BlockDevice, like luks, for every target. */
    private static final ProviderSpec WRAP = new ProviderSpec("wrap", "a test decorator", BLOCK, Set.of(BLOCK), List.of(),
            false, List.of(), "", "test.Wrap", "wrap",
            List.of(new DeviceParameter("'disk'", BLOCK, "disk", false, "disk")), true, "test");
    /** A second Clock for every target, neither preferred nor naming a target: makes the choice ambiguous. */
    private static final ProviderSpec SECOND_CLOCK = new ProviderSpec("ntp", "a test clock", CLOCK, Set.of(CLOCK),
            List.of(), false, List.of(), "", "test.Ntp", "clock", List.of(), false, "test");

    private static Plan plan(String target, List<ProviderSpec> extra, String... stacks) throws UnikernelException {
        List<ProviderSpec> providers = new ArrayList<>(PlannerTest.catalogue().providers());
        providers.addAll(extra);
        return Planner.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Stacked"), new Catalogue(providers),
                Targets.find(target), "stacked", KeyDefaults.none(), DeviceStacks.parse(List.of(stacks), null, Targets.names()));
    }

    @Test
    void aDeferredStackOpensInsideItsScopeAndSharedDevicesAtStart() throws Exception {
        Plan plan = plan("unix", List.of(WRAP), "volume=wrap(wrap(memory))");
        List<String> order = plan.graph().devices().stream().map(d -> d.name() + "@" + d.scope()).toList();
        assertEquals(List.of("memory@volume", "wrap@volume", "volume@volume", "entropy@null", "clock@null"), order);
        DeviceNode volume = plan.graph().device("volume");
        assertTrue(volume.deferred());
        assertEquals("wrap(wrap(memory))", volume.stack());
        assertEquals(List.of("wrap"), volume.dependencies());
        assertEquals("memory-size", plan.graph().device("memory").keys().getFirst().name(), "{device} is the device's name");
        String main = MainGenerator.generate(plan, "TEST");
        assertTrue(main.contains("""
                            Deferred<BlockDevice> volume = boot.deferred("volume", scope -> {
                                BlockDevice memory = scope.open(MemoryDevices.memory(keys.size("memory-size")));
                                BlockDevice wrap = scope.open(Wrap.wrap(memory));
                                return scope.open(Wrap.wrap(wrap));
                            });
                """), main);
        assertTrue(main.contains(" *   volume   BlockDevice  wrap(wrap(memory))  (deferred: opens on a thread of its own)\n"
                + " *   entropy  Entropy      system\n"), main);
    }

    @Test
    void aWordThatNamesNoProviderIsAnotherDeviceWithItsOwnStack() throws Exception {
        Plan plan = plan("unix", List.of(WRAP), "volume=wrap(backing)", "backing=memory");
        DeviceNode backing = plan.graph().device("backing");
        assertEquals("memory", backing.stack());
        assertEquals("backing-size", backing.keys().getFirst().name());
        assertEquals("volume", backing.scope());
    }

    @Test
    void withoutAStackEachDeviceGetsTheOneProviderTheTargetPrefers() throws Exception {
        assertEquals("file", plan("unix", List.of()).graph().device("volume").stack(), "file is preferred over memory");
        assertEquals("virtio", plan("vm", List.of()).graph().device("volume").stack(), "a provider naming vm wins there");
        KeySpec oci = plan("oci", List.of()).graph().device("volume").keys().getFirst();
        assertEquals("/data/volume.img", oci.defaultValue(), "the provider's own default for oci");
        assertNull(plan("unix", List.of()).graph().device("volume").keys().getFirst().defaultValue());
    }

    @Test
    void severalFittingProvidersAreAmbiguousAndTheMessageSaysHowToChoose() throws Exception {
        AmbiguousDeviceException e = assertThrows(AmbiguousDeviceException.class, () -> plan("unix", List.of(SECOND_CLOCK)));
        assertEquals("device 'clock' (Clock, asked for by parameter 'clock' of dev.unikernel.engine.apps.Stacked) on target"
                + " unix: several providers fit: system (Clock, every target), ntp (Clock, every target); choose one with"
                + " <devices><device>clock=system</device></devices> in the plugin's configuration"
                + " (or -Dunikernel.devices=clock=system)", e.getMessage());
        assertEquals("ntp", plan("unix", List.of(SECOND_CLOCK), "clock=ntp").graph().device("clock").stack());
    }

    @Test
    void aProviderOfAnotherContractIsATypeMismatchListingTheProvidersThatFit() {
        TypeMismatchException e = assertThrows(TypeMismatchException.class, () -> plan("unix", List.of(WRAP), "volume=wrap(host)"));
        assertTrue(e.getMessage().startsWith("type mismatch in volume=wrap(host) on target unix: provider wrap of device"
                + " 'volume' needs a BlockDevice, but host provides a Network; providers of BlockDevice: "), e.getMessage());
        assertTrue(e.getMessage().contains("memory (BlockDevice, every target)"), e.getMessage());
    }

    @Test
    void aProviderForAnotherTargetIsRefusedNamingTheTargetsItWorksOn() {
        MissingDeviceException e = assertThrows(MissingDeviceException.class, () -> plan("unix", List.of(), "volume=virtio"));
        assertTrue(e.getMessage().startsWith("provider virtio (for device 'volume') does not work on target unix: it works on vm"),
                e.getMessage());
    }

    @Test
    void stacksThatNameEachOtherAreACycle() {
        ApplicationException e = assertThrows(ApplicationException.class,
                () -> plan("unix", List.of(WRAP), "volume=wrap(disk)", "disk=wrap(volume)"));
        assertTrue(e.getMessage().startsWith("the device stacks of target unix form a cycle: volume -> disk -> volume"),
                e.getMessage());
    }

    @Test
    void anUnknownProviderWithArgumentsIsNamed() {
        MissingDeviceException e = assertThrows(MissingDeviceException.class, () -> plan("unix", List.of(), "volume=fta(disk)"));
        assertTrue(e.getMessage().startsWith("no provider is called 'fta' (in fta(disk) for device 'volume' on target unix)"),
                e.getMessage());
    }

    @Test
    void oneDeviceCannotBeTwoContracts() {
        ApplicationException e = assertThrows(ApplicationException.class, () -> plan("unix", List.of(WRAP), "volume=wrap(clock)"));
        assertTrue(e.getMessage().startsWith("device 'clock' is a BlockDevice (file), but parameter 'clock' of"
                + " dev.unikernel.engine.apps.Stacked asks for a Clock of that name"), e.getMessage());
    }
}
