package dev.unikernel.runtime.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverConfigurationTest {

    @Test
    void namesEachServerOnALineOfItsOwn() {
        assertEquals("nameserver 10.0.2.3\n", ResolverConfiguration.resolvConf("10.0.2.3"));
        assertEquals("nameserver 1.1.1.1\nnameserver 9.9.9.9\n", ResolverConfiguration.resolvConf(" 1.1.1.1, 9.9.9.9 "));
        assertEquals("", ResolverConfiguration.resolvConf(""));
    }

    @Test
    void refusesWhatGlibcWouldIgnoreOrMisread() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> ResolverConfiguration.resolvConf("dns.example"));
        assertTrue(name.getMessage().contains("dns"), name.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> ResolverConfiguration.resolvConf("1.1.1.1,1.0.0.1,8.8.8.8,9.9.9.9"));
        assertTrue(many.getMessage().contains("at most 3"), many.getMessage());
    }

    @Test
    void asksTheHostsFileFirstAndTheServersOnlyWhenThereAreSome(@TempDir Path etc) throws Exception {
        ResolverConfiguration.write(etc, "10.0.2.3");
        assertEquals("hosts: files dns\n", Files.readString(etc.resolve("nsswitch.conf")));
        assertEquals("nameserver 10.0.2.3\n", Files.readString(etc.resolve("resolv.conf")));
        ResolverConfiguration.write(etc, "");
        assertEquals("hosts: files\n", Files.readString(etc.resolve("nsswitch.conf")));
        assertFalse(Files.exists(etc.resolve("resolv.conf")));
    }
}
