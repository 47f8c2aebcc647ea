package dev.unikernel.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.fat.TestVolumes.Geometry;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The file system through {@code java.nio.file.Files}, on FAT16 and FAT32, several volume sizes and both sector sizes. */
@ParameterizedClass
@MethodSource("geometries")
class FilesApiTest {

    static Stream<Geometry> geometries() {
        return Stream.of(
                new Geometry(20L << 20, 512),
                new Geometry(64L << 20, 4096),
                new Geometry(300L << 20, 512),
                new Geometry(1L << 30, 4096),
                new Geometry(2L << 30, 512),
                new Geometry(64L << 20, 512, FatType.FAT32),
                new Geometry(300L << 20, 4096, FatType.FAT32),
                new Geometry(3L << 30, 512));
    }

    @Parameter
    Geometry geometry;

    MemoryBlockDevice device;
    FileSystem fs;

    @BeforeEach
    void mount() throws IOException {
        device = TestVolumes.formatted(geometry);
        fs = Fat16.mount(device);
    }

    @AfterEach
    void unmount() throws IOException {
        if (fs.isOpen()) {
            fs.close();
        }
        CheckReport report = Fat16.check(device);
        assertTrue(report.isClean(), () -> "volume not clean after the test: " + report.lines());
    }

    private FileSystem remount() throws IOException {
        fs.close();
        fs = Fat16.mount(device);
        return fs;
    }

    @Test
    void writesAndReadsBackAcrossRemount() throws IOException {
        byte[] big = TestVolumes.content(3_000_001, 1);
        Files.write(fs.getPath("/big.bin"), big);
        Files.writeString(fs.getPath("/empty.txt"), "");
        Files.writeString(fs.getPath("/hello.txt"), "hello, fat");
        remount();
        assertArrayEquals(big, Files.readAllBytes(fs.getPath("/big.bin")));
        assertEquals("", Files.readString(fs.getPath("/empty.txt")));
        assertEquals("hello, fat", Files.readString(fs.getPath("/hello.txt")));
        assertEquals(3_000_001, Files.size(fs.getPath("/big.bin")));
    }

    @Test
    void rootIsADirectoryWithAttributesAndARealPath() throws IOException {
        Path root = fs.getPath("/");
        assertTrue(Files.isDirectory(root));
        assertTrue(Files.exists(root));
        assertEquals(root, root.toRealPath());
        assertTrue(Files.readAttributes(root, BasicFileAttributes.class).isDirectory());
        assertTrue(Files.isDirectory(fs.getPath("relative/..")));
    }

    @Test
    void directoriesNestListAndDelete() throws IOException {
        Files.createDirectories(fs.getPath("/a/b/c"));
        Files.writeString(fs.getPath("/a/b/c/file.txt"), "x");
        Files.writeString(fs.getPath("/a/one"), "1");
        Files.createDirectory(fs.getPath("/a/two"));
        assertEquals(List.of("b", "one", "two"), list(fs.getPath("/a")));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(fs.getPath("/a/b")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(fs.getPath("/a/two")));
        assertThrows(NoSuchFileException.class, () -> Files.createDirectory(fs.getPath("/missing/x")));
        Files.delete(fs.getPath("/a/b/c/file.txt"));
        Files.delete(fs.getPath("/a/b/c"));
        assertFalse(Files.exists(fs.getPath("/a/b/c")));
        remount();
        assertEquals(List.of("b", "one", "two"), list(fs.getPath("/a")));
        assertEquals(List.of(), list(fs.getPath("/a/b")));
    }

    @Test
    void namesAreCaseInsensitiveAndCasePreserving() throws IOException {
        Files.writeString(fs.getPath("/ReadMe.Md"), "content");
        assertEquals("content", Files.readString(fs.getPath("/README.MD")));
        assertEquals("content", Files.readString(fs.getPath("/readme.md")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createFile(fs.getPath("/README.md")));
        assertEquals(fs.getPath("/ReadMe.Md"), fs.getPath("/readme.md").toRealPath());
        Files.move(fs.getPath("/readme.md"), fs.getPath("/README.md"));
        remount();
        assertEquals(List.of("README.md"), list(fs.getPath("/")).stream().filter(n -> !n.equals("TEST")).toList());
    }

    @Test
    void longNamesAndAliasesSurviveRemount() throws IOException {
        Files.createDirectory(fs.getPath("/dir"));
        List<String> names = new ArrayList<>();
        names.add("a very long file name with spaces and ünïcödé — that goes on.txt");
        names.add("x".repeat(255));
        names.add("multiple.dots.in.name.tar.gz");
        names.add(".hidden");
        names.add("UPPER.TXT");
        names.add("lower.txt");
        for (int i = 0; i < 30; i++) {
            names.add("Similar Name " + i + ".document");
        }
        for (String name : names) {
            Files.writeString(fs.getPath("/dir", name), name);
        }
        remount();
        assertEquals(names.stream().sorted().toList(), list(fs.getPath("/dir")));
        for (String name : names) {
            assertEquals(name, Files.readString(fs.getPath("/dir", name)));
        }
    }

    @Test
    void namesFatCannotHoldAreRefusedClearly() {
        for (String bad : List.of("a:b", "what?", "star*", "pipe|", "quote\"", "lt<", "gt>", "back\\slash", "trailing.", "space ", "x".repeat(256))) {
            Exception e = assertThrows(InvalidPathException.class, () -> Files.createFile(fs.getPath("/" + bad)), bad);
            assertTrue(e.getMessage().contains("FAT"), e.getMessage());
        }
    }

    @Test
    void aRenameToANameFatCannotHoldIsRefusedAndChangesNothing() throws IOException {
        Path source = Files.writeString(fs.getPath("/ok.txt"), "kept");
        for (String bad : List.of("a:b", "what?", "trailing.", "x".repeat(256))) {
            // Same directory, one sector: the rename that writes its one sector directly.
            Exception e = assertThrows(InvalidPathException.class, () -> Files.move(source, fs.getPath("/" + bad)), bad);
            assertTrue(e.getMessage().contains("FAT"), e.getMessage());
        }
        remount();
        assertEquals(List.of("ok.txt"), list(fs.getPath("/")));
        assertEquals("kept", Files.readString(fs.getPath("/ok.txt")));
    }

    @Test
    void channelsReadWriteAppendTruncatePositionAndForce() throws IOException {
        Path p = fs.getPath("/chan.bin");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertEquals(5, ch.write(ByteBuffer.wrap("hello".getBytes())));
            ch.position(100_000);
            ch.write(ByteBuffer.wrap("end".getBytes()));
            assertEquals(100_003, ch.size());
            ByteBuffer gap = ByteBuffer.allocate(99_995);
            assertEquals(99_995, ch.read(gap, 5));
            assertArrayEquals(new byte[99_995], gap.array(), "a gap reads as zeros");
            ch.force(true);
            ch.truncate(3);
            assertEquals(3, ch.size());
            assertEquals(3, ch.position());
            ByteBuffer all = ByteBuffer.allocate(10);
            assertEquals(3, ch.read(all, 0));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1), 3));
        }
        try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap("+more".getBytes()));
        }
        assertEquals("hel+more", Files.readString(p));
        Files.writeString(p, "new", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals("new", Files.readString(p));
        long before = device.flushCount();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("N".getBytes()));
            ch.force(false);
        }
        assertTrue(device.flushCount() > before, "force flushes the block device");
    }

    @Test
    void unalignedWritesAtEveryOffsetKeepNeighbours() throws IOException {
        Path p = fs.getPath("/patch.bin");
        byte[] expected = TestVolumes.content(70_000, 7);
        Files.write(p, expected);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            for (int offset : new int[] {0, 1, 511, 512, 513, 4095, 4096, 4097, 32767, 65535, 69_990}) {
                byte[] patch = TestVolumes.content(1 + offset % 1000, offset);
                ch.write(ByteBuffer.wrap(patch), offset);
                int end = Math.min(expected.length, offset + patch.length);
                if (offset + patch.length > expected.length) {
                    expected = java.util.Arrays.copyOf(expected, offset + patch.length);
                    end = expected.length;
                }
                System.arraycopy(patch, 0, expected, offset, end - offset);
            }
        }
        assertArrayEquals(expected, Files.readAllBytes(p));
    }

    @Test
    void moveIsAtomicInsideTheVolumeAndReplacesOnRequest() throws IOException {
        Files.createDirectories(fs.getPath("/from/sub"));
        Files.createDirectory(fs.getPath("/to"));
        Files.writeString(fs.getPath("/from/sub/f.txt"), "payload");
        Files.writeString(fs.getPath("/to/existing.txt"), "old");
        assertThrows(FileAlreadyExistsException.class,
                () -> Files.move(fs.getPath("/from/sub/f.txt"), fs.getPath("/to/existing.txt")));
        Files.move(fs.getPath("/from/sub/f.txt"), fs.getPath("/to/existing.txt"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        assertEquals("payload", Files.readString(fs.getPath("/to/existing.txt")));
        Files.move(fs.getPath("/from/sub"), fs.getPath("/to/moved-dir"));
        Files.writeString(fs.getPath("/to/moved-dir/inside.txt"), "in");
        assertThrows(IOException.class, () -> Files.move(fs.getPath("/to"), fs.getPath("/to/moved-dir/loop")));
        remount();
        assertEquals(List.of(), list(fs.getPath("/from")));
        assertEquals(List.of("existing.txt", "moved-dir"), list(fs.getPath("/to")));
        assertEquals("in", Files.readString(fs.getPath("/to/moved-dir/../moved-dir/inside.txt")));
    }

    @Test
    void copyCopiesContentAndOptionallyAttributes() throws IOException {
        byte[] data = TestVolumes.content(200_000, 3);
        Path src = fs.getPath("/src.bin");
        Files.write(src, data);
        FileTime old = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        Files.setLastModifiedTime(src, old);
        Files.copy(src, fs.getPath("/copy.bin"), StandardCopyOption.COPY_ATTRIBUTES);
        assertArrayEquals(data, Files.readAllBytes(fs.getPath("/copy.bin")));
        assertEquals(old, Files.getLastModifiedTime(fs.getPath("/copy.bin")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.copy(src, fs.getPath("/copy.bin")));
    }

    @Test
    void attributeViewsBasicDosAndPosix() throws IOException {
        Path f = fs.getPath("/attrs.txt");
        Files.writeString(f, "abc");
        Instant when = Instant.parse("2020-06-15T10:20:31Z");
        Files.setLastModifiedTime(f, FileTime.from(when));
        assertEquals(Instant.parse("2020-06-15T10:20:30Z"), Files.getLastModifiedTime(f).toInstant(),
                "FAT stores modification times in 2-second steps");
        DosFileAttributes dos = Files.readAttributes(f, DosFileAttributes.class);
        assertTrue(dos.isArchive());
        assertFalse(dos.isHidden());
        Files.setAttribute(f, "dos:hidden", true);
        assertTrue(Files.isHidden(f));

        PosixFileAttributes posix = Files.readAttributes(f, PosixFileAttributes.class);
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), posix.permissions());
        assertEquals("fat", posix.owner().getName());
        Map<String, Object> map = Files.readAttributes(f, "posix:*");
        assertEquals(3L, map.get("size"));
        assertTrue(map.containsKey("permissions") && map.containsKey("owner") && map.containsKey("group"));
        assertEquals(Set.of("size", "isDirectory"), Files.readAttributes(f, "size,isDirectory").keySet());

        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        assertTrue((Boolean) Files.getAttribute(f, "dos:readonly"));
        assertFalse(Files.isWritable(f));
        assertThrows(AccessDeniedException.class, () -> Files.writeString(f, "nope"));
        PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);
        view.setOwner(fs.getUserPrincipalLookupService().lookupPrincipalByName("someone")); // accepted, ignored
        view.setPermissions(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertTrue(Files.isWritable(f));
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"),
                Files.getPosixFilePermissions(fs.getPath("/")));
        remount();
        assertTrue(Files.isHidden(fs.getPath("/attrs.txt")));
    }

    @Test
    void fileStoreReportsSpaceFromTheFreeCount() throws IOException {
        FileStore store = Files.getFileStore(fs.getPath("/"));
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        assertTrue(total > geometry.bytes() * 9 / 10 && total <= geometry.bytes(), "total " + total);
        assertEquals(free, store.getUnallocatedSpace());
        Files.write(fs.getPath("/one-meg"), new byte[1 << 20]);
        long after = store.getUsableSpace();
        assertTrue(free - after >= 1 << 20, "free space drops by the file's clusters");
        Files.delete(fs.getPath("/one-meg"));
        assertEquals(free, store.getUsableSpace());
        assertEquals(geometry.type().storeType(), store.type());
        assertEquals("TEST", store.name());
    }

    @Test
    void deletingAnOpenFileKeepsItReadableUntilClosed() throws IOException {
        Path p = fs.getPath("/open.bin");
        byte[] data = TestVolumes.content(50_000, 9);
        Files.write(p, data);
        try (FileChannel ch = FileChannel.open(p)) {
            Files.delete(p);
            assertFalse(Files.exists(p));
            ByteBuffer b = ByteBuffer.allocate(data.length);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read all
            }
            assertArrayEquals(data, b.array());
        }
    }

    @Test
    void fileLocksAreRealAndExclusive() throws IOException {
        Path p = fs.getPath("/locked");
        Files.writeString(p, "x");
        try (FileChannel a = FileChannel.open(p, StandardOpenOption.WRITE);
             FileChannel b = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock lock = a.lock(0, 10, false);
            assertThrows(OverlappingFileLockException.class, () -> b.tryLock(5, 10, false));
            lock.release();
            b.tryLock(5, 10, false).release();
        }
    }

    @Test
    void readOnlyMountsRefuseWritesAndLeaveTheDeviceUntouched() throws IOException {
        Files.writeString(fs.getPath("/keep.txt"), "kept");
        fs.close();
        MemoryBlockDevice snapshot = device.readOnlySnapshot();
        try (FileSystem ro = Fat16.mount(snapshot)) {
            assertTrue(ro.isReadOnly());
            assertEquals("kept", Files.readString(ro.getPath("/keep.txt")));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.writeString(ro.getPath("/new.txt"), "x"));
            assertThrows(ReadOnlyFileSystemException.class, () -> Files.delete(ro.getPath("/keep.txt")));
        }
        try (FileSystem ro = Fat16.mount(device, true)) {
            assertFalse(Files.isWritable(ro.getPath("/keep.txt")));
        }
    }

    @Test
    void closingMarksCleanAndNeverClosesTheDevice() throws IOException {
        Files.writeString(fs.getPath("/x"), "x");
        CheckReport mounted = Fat16.check(device);
        assertTrue(mounted.notes().stream().anyMatch(n -> n.contains("dirty")), "dirty while mounted: " + mounted.notes());
        fs.close();
        assertThrows(ClosedFileSystemException.class, () -> Files.size(fs.getPath("/x")));
        CheckReport clean = Fat16.check(device);
        assertTrue(clean.notes().isEmpty(), clean.notes().toString());
        device.read(0, ByteBuffer.allocate(geometry.sectorSize())); // still open
    }

    @Test
    void sessionViewsShareTheVolumeAndCloseIndependently() throws IOException {
        FileSystem a = Fat16.sessionView(fs);
        FileSystem b = Fat16.sessionView(fs);
        Files.writeString(a.getPath("/shared.txt"), "from a");
        assertEquals("from a", Files.readString(b.getPath("/shared.txt")));
        a.close();
        assertFalse(a.isOpen());
        assertEquals("from a", Files.readString(b.getPath("/shared.txt")));
        fs.close();
        assertFalse(b.isOpen());
    }

    @Test
    void providerMountsByUriWithTheDeviceInTheEnvironment() throws IOException {
        fs.close();
        URI uri = URI.create("fat://vol-" + geometry.bytes() + "-" + geometry.sectorSize());
        try (FileSystem viaUri = FileSystems.newFileSystem(uri, Map.of(FatFileSystemProvider.DEVICE, device))) {
            Files.writeString(viaUri.getPath("/uri.txt"), "by uri");
            Path p = Path.of(URI.create(uri + "/uri.txt"));
            assertEquals("by uri", Files.readString(p));
            assertEquals(p, Path.of(p.toUri()));
        }
        assertThrows(java.nio.file.FileSystemNotFoundException.class, () -> Path.of(URI.create(uri + "/uri.txt")));
    }

    @Test
    void manySmallFilesInOneDirectoryAndTheRootLimit() throws IOException {
        Path dir = fs.getPath("/many");
        Files.createDirectory(dir);
        for (int i = 0; i < 1500; i++) {
            Files.writeString(dir.resolve("file number " + i + ".txt"), Integer.toString(i));
        }
        remount();
        try (Stream<Path> s = Files.list(fs.getPath("/many"))) {
            assertEquals(1500, s.count());
        }
        assertEquals("777", Files.readString(fs.getPath("/many/FILE NUMBER 777.TXT")));
        if (geometry.type() == FatType.FAT32) {
            // FAT32's root is a cluster chain: it grows past FAT16's 512 entries like any directory.
            for (int i = 0; i < 600; i++) {
                Files.createFile(fs.getPath("/R" + i));
            }
            remount();
            try (Stream<Path> s = Files.list(fs.getPath("/"))) {
                assertEquals(601, s.count());
            }
            return;
        }
        IOException full = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 600; i++) {
                Files.createFile(fs.getPath("/R" + i));
            }
        });
        assertTrue(full.getMessage().contains("root directory is full"), full.getMessage());
    }

    @Test
    void fillingTheVolumeFailsCleanlyAndFreesOnDelete() throws IOException {
        if (geometry.bytes() > (64L << 20)) {
            return; // filling is the same code on every size; keep the suite fast
        }
        Path p = fs.getPath("/fill");
        IOException full = assertThrows(IOException.class, () -> {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                while (true) {
                    ch.write(chunk.clear());
                }
            }
        });
        assertTrue(full.getMessage().contains("no space left"), full.getMessage());
        Files.delete(p);
        Files.write(fs.getPath("/after"), new byte[1 << 20]);
    }

    @Test
    void concurrentSessionsOnOneVolume() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    FileSystem view = Fat16.sessionView(fs);
                    Path dir = view.getPath("/t" + id);
                    Files.createDirectory(dir);
                    for (int i = 0; i < 40; i++) {
                        byte[] data = TestVolumes.content(1000 + i * 997, id * 1000 + i);
                        Path f = dir.resolve("f" + i);
                        Files.write(f, data);
                        assertArrayEquals(data, Files.readAllBytes(f));
                        if (i % 3 == 0) {
                            Files.move(f, dir.resolve("moved" + i));
                        }
                        if (i % 5 == 0) {
                            Files.deleteIfExists(dir.resolve("moved" + (i - 5)));
                        }
                        Files.readAttributes(view.getPath("/"), "posix:*");
                    }
                    view.close();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        remount();
        for (int t = 0; t < 8; t++) {
            assertEquals(37, list(fs.getPath("/t" + t)).size(), "files of thread " + t); // 40 written, moved0, moved15, moved30 deleted
        }
    }

    @Test
    void modificationTimesAreNotNow() throws IOException {
        Path p = fs.getPath("/t.txt");
        Files.writeString(p, "t");
        FileTime t = Files.getLastModifiedTime(p);
        assertNotEquals(0, t.toMillis());
        assertTrue(Math.abs(t.toMillis() - System.currentTimeMillis()) < 10_000);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
