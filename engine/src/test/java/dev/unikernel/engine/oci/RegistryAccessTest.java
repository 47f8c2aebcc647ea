package dev.unikernel.engine.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegistryAccessTest {

    @Test
    void plainHttpOnlyForThisMachineUnlessAllowed() {
        assertTrue(RegistryAccess.allowHttp(false, "127.0.0.1:5000/hello:1"));
        assertTrue(RegistryAccess.allowHttp(false, "localhost:5000/hello", null));
        assertTrue(RegistryAccess.allowHttp(false, "[::1]:5000/hello"));
        assertFalse(RegistryAccess.allowHttp(false, "registry.example.org:5000/hello"));
        assertFalse(RegistryAccess.allowHttp(false, "127.0.0.1:5000/hello", "eclipse-temurin:25-jre"),
                "a remote base image must not be fetched over HTTP because the target is local");
        assertFalse(RegistryAccess.allowHttp(false, (String) null), "no registry at all: nothing to allow");
        assertTrue(RegistryAccess.allowHttp(true, "registry.example.org/hello"));
    }

    @Test
    void findsTheRegistryHostOfAReference() {
        assertEquals("127.0.0.1", RegistryAccess.host("127.0.0.1:5000/a/b:1"));
        assertEquals("registry-1.docker.io", RegistryAccess.host("eclipse-temurin:25-jre"));
        assertEquals("registry-1.docker.io", RegistryAccess.host("library/debian"));
        assertEquals("localhost", RegistryAccess.host("localhost/x"));
        assertEquals("ghcr.io", RegistryAccess.host("GHCR.io/x/y@sha256:00"));
    }
}
