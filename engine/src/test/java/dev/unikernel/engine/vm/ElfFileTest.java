package dev.unikernel.engine.vm;

import dev.unikernel.engine.elf.ElfFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ELF reader, on the JDK running the tests. */
class ElfFileTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @Test
    void readsTheLaunchersInterpreterAndLibraries() throws Exception {
        ElfFile java = ElfFile.read(JAVA_HOME.resolve("bin/java"));
        assertEquals("/lib64/ld-linux-x86-64.so.2", java.interpreter());
        assertTrue(java.needed().contains("libjli.so") && java.needed().contains("libc.so.6"), java.needed().toString());
        ElfFile jvm = ElfFile.read(JAVA_HOME.resolve("lib/server/libjvm.so"));
        assertNull(jvm.interpreter());
        assertTrue(jvm.needed().contains("libc.so.6"), jvm.needed().toString());
    }

    @Test
    void followsLibrariesToTheCLibrary() throws Exception {
        RecordingLog log = new RecordingLog();
        Map<String, Path> libraries = SharedLibraries.resolve(java.util.List.of(JAVA_HOME.resolve("bin/java"),
                JAVA_HOME.resolve("lib/server/libjvm.so")), Set.of("libjli.so"), SharedLibraries.SYSTEM_DIRECTORIES, log);
        assertTrue(libraries.containsKey("libc.so.6") && libraries.containsKey("libm.so.6"), libraries.toString());
        assertFalse(libraries.containsKey("libjli.so"), "the JRE's own libraries are not looked up");
        assertTrue(log.lines.isEmpty(), log.lines.toString());
    }

    @Test
    void refusesWhatIsNotElf(@TempDir Path temp) throws Exception {
        Path text = Files.writeString(temp.resolve("script"), "#!/bin/sh\necho this is a shell script, not ELF\n".repeat(4));
        assertFalse(ElfFile.isElf(text));
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(text));
        assertTrue(e.getMessage().contains("not an ELF file"), e.getMessage());
    }

    /** A BuildLog keeping its lines. */
    static final class RecordingLog implements dev.unikernel.engine.BuildLog {
        final java.util.List<String> lines = new java.util.ArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add(message);
        }

        @Override
        public void debug(String message) {
        }
    }
}
