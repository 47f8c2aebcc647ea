package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStacksTest {

    private static final List<String> TARGETS = List.of("unix", "vm", "oci");

    @Test
    void aStackParsesIntoNestedTerms() throws Exception {
        DeviceTerm term = DeviceTerm.parse(" fat( luks(disk) , extra) ", "test");
        assertEquals("fat", term.word());
        assertEquals("luks(disk)", term.arguments().get(0).toString());
        assertEquals("fat(luks(disk), extra)", term.toString());
    }

    @Test
    void syntaxErrorsSayWhereAndWhatAStackLooksLike() {
        UnikernelException e = assertThrows(UnikernelException.class, () -> DeviceTerm.parse("fat(luks(disk)", "<device>x</device>"));
        assertEquals("<device>x</device> does not parse: missing ')' (column 15); a device stack reads like fat(luks(disk))",
                e.getMessage());
        assertThrows(UnikernelException.class, () -> DeviceTerm.parse("fat disk", "test"));
        assertThrows(UnikernelException.class, () -> DeviceTerm.parse("", "test"));
    }

    @Test
    void aTargetsOwnEntryWinsAndThePropertyWinsOverThePom() throws Exception {
        DeviceStacks stacks = DeviceStacks.parse(List.of("volume=fat(luks(disk))", "vm:volume=fat(memory)"),
                "volume=fat(disk), oci:volume=fat(luks(file))", TARGETS);
        assertEquals("fat(disk)", stacks.stackOf("volume", "unix").toString());
        assertEquals("fat(disk)", stacks.stackOf("volume", "vm").toString(), "the property wins over the pom's vm: entry");
        assertEquals("fat(luks(file))", stacks.stackOf("volume", "oci").toString());
        DeviceStacks pomOnly = DeviceStacks.parse(List.of("volume=fat(luks(disk))", "vm:volume=fat(memory)"), null, TARGETS);
        assertEquals("fat(memory)", pomOnly.stackOf("volume", "vm").toString(), "a target's own entry wins over one for all");
        assertNull(stacks.stackOf("other", "unix"));
    }

    @Test
    void anEntryWithoutADeviceOrWithAnUnknownTargetIsRefused() {
        UnikernelException e = assertThrows(UnikernelException.class, () -> DeviceStacks.parse(List.of("fat(disk)"), null, TARGETS));
        assertTrue(e.getMessage().contains("<device>fat(disk)</device> must read device=stack or target:device=stack"),
                e.getMessage());
        assertThrows(UnknownTargetException.class, () -> DeviceStacks.parse(List.of("vn:volume=fat(disk)"), null, TARGETS));
    }
}
