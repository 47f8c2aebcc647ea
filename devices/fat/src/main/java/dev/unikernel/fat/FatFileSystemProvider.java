package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code fat} scheme. {@code FileSystems.newFileSystem(URI.create("fat://NAME"), Map.of("device", d))}
 * mounts block device {@code d} under NAME (optional {@code "readOnly", true}); {@code Path.of(URI)}
 * then resolves {@code fat://NAME/some/path} until that file system closes. {@link Fat16#mount} mounts
 * without a name. Closing a file system never closes its device.
 */
public final class FatFileSystemProvider extends FileSystemProvider {

    public static final String SCHEME = "fat";
    /** Environment key of the {@link BlockDevice} to mount. */
    public static final String DEVICE = "device";
    /** Environment key: {@code Boolean.TRUE} (or "true") mounts read-only. */
    public static final String READ_ONLY = "readOnly";

    private static final Map<String, FatFileSystem> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicLong ANONYMOUS = new AtomicLong();
    static final FatFileSystemProvider INSTANCE = new FatFileSystemProvider();

    /** Public for {@link java.util.ServiceLoader}; use {@link Fat16} or {@link java.nio.file.FileSystems}. */
    public FatFileSystemProvider() {
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        String name = nameOf(uri);
        Object device = env.get(DEVICE);
        if (!(device instanceof BlockDevice blockDevice)) {
            throw new IllegalArgumentException("mounting " + uri + " needs the BlockDevice in the environment under key '"
                    + DEVICE + "'");
        }
        Object ro = env.get(READ_ONLY);
        boolean readOnly = Boolean.TRUE.equals(ro) || "true".equals(ro);
        synchronized (REGISTERED) {
            if (REGISTERED.containsKey(name)) {
                throw new FileSystemAlreadyExistsException(uri.toString());
            }
            FatFileSystem fs = mount(blockDevice, readOnly, name);
            REGISTERED.put(name, fs);
            return fs;
        }
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        FatFileSystem fs = REGISTERED.get(nameOf(uri));
        if (fs == null) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        FatFileSystem fs = (FatFileSystem) getFileSystem(uri);
        String path = uri.getPath();
        return fs.getPath(path == null || path.isEmpty() ? "/" : path);
    }

    FatFileSystem mount(BlockDevice device, boolean readOnly, String name) throws IOException {
        Volume volume = Volume.mount(device, readOnly);
        return new FatFileSystem(this, volume, name == null ? "anonymous-" + ANONYMOUS.incrementAndGet() : name, true);
    }

    void unregister(FatFileSystem fs) {
        REGISTERED.remove(fs.name(), fs);
    }

    private static String nameOf(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a fat: URI: " + uri);
        }
        String authority = uri.getAuthority();
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("a fat: URI names its file system as fat://NAME/path: " + uri);
        }
        return authority;
    }

    // ---- operations: delegate to the path's file system ----

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        checkAttributes(attrs);
        FatPath p = fat(path);
        return p.getFileSystem().newFileChannel(p, options);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        FatPath p = fat(dir);
        return p.getFileSystem().newDirectoryStream(p, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        checkAttributes(attrs);
        FatPath p = fat(dir);
        p.getFileSystem().createDirectory(p);
    }

    @Override
    public void delete(Path path) throws IOException {
        FatPath p = fat(path);
        p.getFileSystem().delete(p);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        FatPath s = fat(source);
        FatPath t = fat(target);
        checkSameVolume(s, t);
        s.getFileSystem().copy(s, t, new HashSet<>(java.util.Arrays.asList(options)));
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        FatPath s = fat(source);
        FatPath t = fat(target);
        checkSameVolume(s, t);
        s.getFileSystem().move(s, t, new HashSet<>(java.util.Arrays.asList(options)));
    }

    @Override
    public boolean isSameFile(Path a, Path b) throws IOException {
        if (!(a instanceof FatPath pa) || !(b instanceof FatPath pb) || pa.getFileSystem().volume() != pb.getFileSystem().volume()) {
            return false;
        }
        return pa.getFileSystem().isSameFile(pa, pb);
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        FatPath p = fat(path);
        return p.getFileSystem().readAttributes(p).isHidden();
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        FatPath p = fat(path);
        p.getFileSystem().readAttributes(p);
        return p.getFileSystem().fileStore();
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        FatPath p = fat(path);
        p.getFileSystem().checkAccess(p, modes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        FatPath p = fat(path);
        if (type == BasicFileAttributeView.class) {
            return (V) new FatBasicView(p.getFileSystem(), p);
        }
        if (type == DosFileAttributeView.class) {
            return (V) new FatDosView(p.getFileSystem(), p);
        }
        if (type == PosixFileAttributeView.class || type == FileOwnerAttributeView.class) {
            return (V) new FatPosixView(p.getFileSystem(), p);
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        if (type != BasicFileAttributes.class && type != DosFileAttributes.class && type != PosixFileAttributes.class) {
            throw new UnsupportedOperationException("attributes of type " + type.getName() + " are not supported on a FAT volume");
        }
        FatPath p = fat(path);
        return (A) p.getFileSystem().readAttributes(p);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        FatPath p = fat(path);
        return AttributeMaps.read(p.getFileSystem(), p, attributes);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        FatPath p = fat(path);
        AttributeMaps.set(p.getFileSystem(), p, attribute, value);
    }

    @Override
    public boolean exists(Path path, LinkOption... options) {
        try {
            FatPath p = fat(path);
            p.getFileSystem().readAttributes(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static FatPath fat(Path path) {
        if (!(path instanceof FatPath p)) {
            throw new ProviderMismatchException("not a FAT path: " + path);
        }
        return p;
    }

    private static void checkSameVolume(FatPath a, FatPath b) {
        if (a.getFileSystem().volume() != b.getFileSystem().volume()) {
            throw new ProviderMismatchException("copy and move work inside one FAT volume; use Files.copy with streams between volumes");
        }
    }

    private static void checkAttributes(FileAttribute<?>... attrs) {
        for (FileAttribute<?> a : attrs) {
            // POSIX permissions at creation are accepted (SFTP clients send them) and not stored, like chmod.
            if (!a.name().equals("posix:permissions") && !a.name().equals("unix:mode")) {
                throw new UnsupportedOperationException("attribute " + a.name() + " cannot be set at creation on a FAT volume");
            }
        }
    }
}
