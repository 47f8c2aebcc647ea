package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuildOptionsTest {

    private static BuildOptions with(String... javaOptions) {
        return new BuildOptions(true, List.of(), List.of(javaOptions), VmOptions.defaults(), OciOptions.defaults());
    }

    @Test
    void optionsWithATargetPrefixGoToThatTargetOnly() {
        BuildOptions options = with("-Dshared=1", "unix:-Xmx128m", "vm:-Xss512k", "-XX:+UseSerialGC");
        assertEquals(List.of("-Dshared=1", "-Xmx128m", "-XX:+UseSerialGC"), options.javaOptions("unix"));
        assertEquals(List.of("-Dshared=1", "-Xss512k", "-XX:+UseSerialGC"), options.javaOptions("vm"));
        assertEquals(List.of("-Dshared=1", "-XX:+UseSerialGC"), options.javaOptions("oci"));
    }

    @Test
    void anOptionWhoseValueHasAColonIsNotATargetPrefix() {
        assertEquals(List.of("-Xlog:gc:file=gc.log"), with("-Xlog:gc:file=gc.log").javaOptions("vm"));
    }

    @Test
    void anUnknownPrefixIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with("unx:-Xmx128m").javaOptions("unix"));
        assertTrue(e.getMessage().contains("'unx' is no target; write unix:-Xmx128m"), e.getMessage());
    }
}
