package dev.unikernel.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatOrNestedTest {

    @Test
    void eitherFormOrTheDefault() {
        assertEquals("512M", FlatOrNested.pick("<vmMemory>", null, "<vm><memory>", "512M", "256M"));
        assertEquals("512M", FlatOrNested.pick("<vmMemory>", "512M", "<vm><memory>", null, "256M"));
        assertEquals("512M", FlatOrNested.pick("<vmMemory>", "512M", "<vm><memory>", "512M", "256M"));
        assertEquals("256M", FlatOrNested.pick("<vmMemory>", " ", "<vm><memory>", null, "256M"));
        assertEquals(List.of(22), FlatOrNested.pick("<exposedPorts>", List.of(), "<oci><ports>", List.of(22), List.of()));
        assertEquals(Map.of(), FlatOrNested.pick("<imageLabels>", Map.of(), "<oci><labels>", Map.of(), Map.of()));
        assertEquals(false, FlatOrNested.pick("<allowInsecureRegistry>", null, "<oci><allowInsecureRegistry>", null, false));
    }

    @Test
    void twoDifferentValuesNameBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatOrNested.pick(
                "<vmCpus> (-Dunikernel.vm.cpus)", 1, "<vm><cpus>", 2, 1));
        assertEquals("<vmCpus> (-Dunikernel.vm.cpus) is 1 but <vm><cpus> is 2: they set the same thing, keep one of them",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlatOrNested.pick("<imageEnvironment>", Map.of("A", "1"),
                "<oci><environment>", Map.of("A", "2"), Map.of()));
    }
}
