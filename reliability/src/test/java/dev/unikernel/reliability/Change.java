package dev.unikernel.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * One operation of the crash workload that was not yet made durable by a checkpoint, and so what it
 * allows a crash to leave of the paths it touches: either the state before it or the state after it
 * (or, for an in-place overwrite, each byte from one or the other). Paths a change does not touch must
 * be exactly as at the last checkpoint.
 */
sealed interface Change {

    /** True when this change may alter {@code path} (a file or directory of the checkpoint). */
    boolean touches(String path);

    /**
     * Checks what the crash left at {@code path}, which held {@code before} (null: a directory) at the
     * checkpoint; {@code repaired}: after fsck.fat -a rather than straight after the crash.
     */
    void check(FileSystem fs, String path, byte[] before, String state, boolean repaired) throws IOException;

    /** Appended bytes: the file is as before or as after, never shorter, never other bytes. */
    record Append(String path, byte[] after) implements Change {
        @Override
        public boolean touches(String p) {
            return p.equals(path);
        }

        @Override
        public void check(FileSystem fs, String p, byte[] before, String state, boolean repaired) throws IOException {
            byte[] actual = Files.readAllBytes(fs.getPath(p));
            assertTrue(Arrays.equals(actual, before) || Arrays.equals(actual, after),
                    state + ": " + p + " after a crash during an append is " + actual.length + " bytes, neither the "
                            + before.length + " before nor the " + after.length + " after (or other bytes)");
        }
    }

    /** Bytes overwritten in place: same size, every byte either the old or the new one. */
    record Overwrite(String path, byte[] after) implements Change {
        @Override
        public boolean touches(String p) {
            return p.equals(path);
        }

        @Override
        public void check(FileSystem fs, String p, byte[] before, String state, boolean repaired) throws IOException {
            byte[] actual = Files.readAllBytes(fs.getPath(p));
            assertEquals(before.length, actual.length, state + ": size of " + p + " changed by an in-place overwrite");
            for (int i = 0; i < actual.length; i++) {
                if (actual[i] != before[i] && actual[i] != after[i]) {
                    fail(state + ": byte " + i + " of " + p + " is neither the old nor the new one");
                }
            }
        }
    }

    /** Shortened: the file is whole or exactly the kept prefix. */
    record Truncate(String path, byte[] after) implements Change {
        @Override
        public boolean touches(String p) {
            return p.equals(path);
        }

        @Override
        public void check(FileSystem fs, String p, byte[] before, String state, boolean repaired) throws IOException {
            byte[] actual = Files.readAllBytes(fs.getPath(p));
            assertTrue(Arrays.equals(actual, before) || Arrays.equals(actual, after),
                    state + ": " + p + " after a crash during a truncate to " + after.length + " is " + actual.length
                            + " bytes, neither whole nor the kept prefix");
        }
    }

    /** Deleted file or removed (empty) directory: still there as it was, or gone. */
    record Delete(String path) implements Change {
        @Override
        public boolean touches(String p) {
            return p.equals(path);
        }

        @Override
        public void check(FileSystem fs, String p, byte[] before, String state, boolean repaired) throws IOException {
            if (before == null) {
                assertTrue(!Files.exists(fs.getPath(p)) || Files.isDirectory(fs.getPath(p)),
                        state + ": removed directory " + p + " came back as something else");
                return;
            }
            try {
                assertArrayEquals(before, Files.readAllBytes(fs.getPath(p)), state + ": deleted file " + p + " changed");
            } catch (NoSuchFileException gone) {
                // deleted: allowed
            }
        }
    }

    /**
     * A file or directory renamed: what was under {@code from} is under exactly one of the two names,
     * intact. (Our library never leaves both for good: a crash between removing the old entry and
     * making the new one live is finished by the next mount.)
     */
    record Rename(String from, String to) implements Change {
        @Override
        public boolean touches(String p) {
            return Namespace.isUnder(p, from);
        }

        /** Where {@code p}, under the renamed path, is after the rename. */
        String moved(String p) {
            return to + p.substring(from.length());
        }

        @Override
        public void check(FileSystem fs, String p, byte[] before, String state, boolean repaired) throws IOException {
            String moved = moved(p);
            if (before == null) {
                boolean old = Files.isDirectory(fs.getPath(p));
                boolean renamed = Files.isDirectory(fs.getPath(moved));
                assertTrue(old != renamed, state + ": directory " + p + " renamed to " + moved + " is under "
                        + (old ? "both names" : "neither name"));
                return;
            }
            int found = 0;
            for (String name : new String[] {p, moved}) {
                if (Files.exists(fs.getPath(name))) {
                    assertArrayEquals(before, Files.readAllBytes(fs.getPath(name)),
                            state + ": " + p + " renamed to " + moved + " has other content under " + name);
                    found++;
                }
            }
            assertEquals(1, found, state + ": file " + p + " renamed to " + moved + " is under "
                    + (found == 0 ? "neither name" : "both names"));
        }

        /** True when neither name exists: what fsck.fat -a leaves of a rename caught between its steps 2 and 3. */
        boolean goneUnderBothNames(FileSystem fs, String p) {
            return !Files.exists(fs.getPath(p)) && !Files.exists(fs.getPath(moved(p)));
        }
    }
}
