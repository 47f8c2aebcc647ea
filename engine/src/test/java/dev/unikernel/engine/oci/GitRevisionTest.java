package dev.unikernel.engine.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path checkout;

    @Test
    void readsALooseBranchFromASubdirectory() throws Exception {
        Files.createDirectories(checkout.resolve(".git/refs/heads"));
        Files.writeString(checkout.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(checkout.resolve(".git/refs/heads/main"), COMMIT + "\n");
        assertEquals(COMMIT, GitRevision.of(Files.createDirectories(checkout.resolve("examples/hello"))));
    }

    @Test
    void readsPackedRefsAndDetachedHeads() throws Exception {
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(checkout.resolve(".git/packed-refs"), "# pack-refs with: peeled\n" + COMMIT + " refs/heads/main\n");
        assertEquals(COMMIT, GitRevision.of(checkout));
        Files.writeString(checkout.resolve(".git/HEAD"), COMMIT.replace('0', 'f') + "\n");
        assertEquals(COMMIT.replace('0', 'f'), GitRevision.of(checkout));
    }

    @Test
    void nothingOutsideACheckoutOrOnAnEmptyBranch() throws Exception {
        assertNull(GitRevision.of(checkout));
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        assertNull(GitRevision.of(checkout));
    }
}
