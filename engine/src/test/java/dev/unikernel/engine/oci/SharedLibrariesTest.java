package dev.unikernel.engine.oci;

import dev.unikernel.engine.elf.ElfFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.engine.UnikernelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ELF reading and library resolution, against the JDK running the tests and the host's glibc. */
class SharedLibrariesTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path work;

    @Test
    void readsTheInterpreterAndNeededLibrariesOfTheJavaLauncher() throws Exception {
        ElfFile java = ElfFile.read(JAVA_HOME.resolve("bin/java"));
        assertTrue(java.interpreter().matches("/lib(64)?/ld-linux-.*\\.so\\.[0-9]"), java.interpreter());
        assertTrue(java.needed().contains("libjli.so") && java.needed().contains("libc.so.6"), java.needed().toString());
        ElfFile jvm = ElfFile.read(JAVA_HOME.resolve("lib/server/libjvm.so"));
        assertEquals(null, jvm.interpreter());
        assertTrue(jvm.needed().contains("libc.so.6"), jvm.needed().toString());
    }

    @Test
    void onlyElfFilesAreInspected() throws Exception {
        Path text = Files.writeString(work.resolve("release"), "JAVA_VERSION=25");
        assertFalse(ElfFile.isElf(text));
        assertTrue(ElfFile.isElf(JAVA_HOME.resolve("bin/java")));
        Path truncated = work.resolve("truncated.so");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(JAVA_HOME.resolve("lib/libjava.so")), 200));
        assertThrows(java.io.IOException.class, () -> ElfFile.read(truncated));
    }

    @Test
    void findsGlibcAndTheLoaderButNothingTheRuntimeHolds() throws Exception {
        List<SharedLibraries.Library> libraries = SharedLibraries.ofHost().neededBy(JAVA_HOME);
        List<String> paths = libraries.stream().map(SharedLibraries.Library::imagePath).toList();
        assertTrue(paths.stream().anyMatch(p -> p.endsWith("/libc.so.6")), paths.toString());
        assertTrue(paths.contains(ElfFile.read(JAVA_HOME.resolve("bin/java")).interpreter()), paths.toString());
        assertTrue(paths.stream().noneMatch(p -> p.contains("libjvm") || p.contains("libjava")), paths.toString());
        assertEquals(paths.stream().sorted().toList(), paths, "sorted, so layers are reproducible");
        assertEquals(1, paths.stream().filter(p -> p.contains("ld-linux")).count(), "the loader once: " + paths);
    }

    @Test
    void aMissingLibraryNamesWhoNeedsItAndWhereItWasSought() throws Exception {
        Path runtime = Files.createDirectories(work.resolve("runtime/lib"));
        Files.copy(JAVA_HOME.resolve("lib/libjava.so"), runtime.resolve("libjava.so"));
        Path emptyRoot = Files.createDirectories(work.resolve("root/lib"));
        UnikernelException e = assertThrows(UnikernelException.class,
                () -> new SharedLibraries(emptyRoot.getParent(), List.of("/lib")).neededBy(work.resolve("runtime")));
        assertTrue(e.getMessage().startsWith("lib/libjava.so needs the shared library "), e.getMessage());
        assertTrue(e.getMessage().contains("which is in none of /lib"), e.getMessage());
    }
}
