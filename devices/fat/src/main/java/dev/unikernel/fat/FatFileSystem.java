package dev.unikernel.fat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link FileSystem} over a mounted FAT16 or FAT32 {@link Volume}. Several file system objects may share one
 * volume ({@link Fat16#sessionView}): closing a view closes only its own channels; closing the primary
 * closes the volume (flush, clean bit) but never the block device.
 */
final class FatFileSystem extends FileSystem {

    static final Set<String> VIEWS = Set.of("basic", "dos", "posix", "owner");

    private final FatFileSystemProvider provider;
    private final Volume volume;
    private final String name;
    private final boolean primary;
    private final FatFileStore store;
    private final Set<FatFileChannel> channels = ConcurrentHashMap.newKeySet();
    private final List<FatFileSystem> views = new ArrayList<>();
    private volatile boolean closed;

    FatFileSystem(FatFileSystemProvider provider, Volume volume, String name, boolean primary) {
        this.provider = provider;
        this.volume = volume;
        this.name = name;
        this.primary = primary;
        this.store = new FatFileStore(volume);
    }

    Volume volume() {
        return volume;
    }

    String name() {
        return name;
    }

    /** A file system sharing this one's volume whose close leaves the volume mounted. */
    FatFileSystem newView() {
        checkOpen();
        FatFileSystem view = new FatFileSystem(provider, volume, name, false);
        synchronized (views) {
            views.add(view);
        }
        return view;
    }

    // ---- FileSystem ----

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (FatFileChannel channel : List.copyOf(channels)) {
            channel.close();
        }
        if (primary) {
            List<FatFileSystem> copy;
            synchronized (views) {
                copy = List.copyOf(views);
            }
            for (FatFileSystem view : copy) {
                view.close();
            }
            volume.lock.writeLock().lock();
            try {
                volume.close();
            } finally {
                volume.lock.writeLock().unlock();
                provider.unregister(this);
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed && !volume.isClosed();
    }

    @Override
    public boolean isReadOnly() {
        return volume.readOnly;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(new FatPath(this, true, List.of()));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of(store);
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return VIEWS;
    }

    @Override
    public FatPath getPath(String first, String... more) {
        return FatPath.parse(this, first, more);
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        // The default file system's glob and regex matchers only look at the path's string form.
        return FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public FatPrincipal lookupPrincipalByName(String user) {
                return new FatPrincipal(user);
            }

            @Override
            public FatPrincipal lookupPrincipalByGroupName(String group) {
                return new FatPrincipal(group);
            }
        };
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("watch services are not supported on a FAT volume");
    }

    FileStore fileStore() {
        return store;
    }

    URI uriOf(FatPath absolute) {
        try {
            return new URI(FatFileSystemProvider.SCHEME, name, absolute.toString(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- operations (called by the provider and the views) ----

    FatFileChannel newFileChannel(FatPath path, Set<? extends OpenOption> options) throws IOException {
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean read = options.contains(StandardOpenOption.READ) || !write;
        if (append && options.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ and APPEND cannot be combined");
        }
        if (append && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            throw new IllegalArgumentException("APPEND and TRUNCATE_EXISTING cannot be combined");
        }
        boolean createNew = write && options.contains(StandardOpenOption.CREATE_NEW);
        boolean create = write && (createNew || options.contains(StandardOpenOption.CREATE));
        boolean sync = options.contains(StandardOpenOption.SYNC) || options.contains(StandardOpenOption.DSYNC);
        FatPath absolute = absolute(path);
        var lock = write ? volume.lock.writeLock() : volume.lock.readLock();
        Node node;
        lock.lock();
        try {
            checkOpen();
            if (write) {
                volume.checkWritable();
            }
            node = lookupOrNull(absolute);
            if (node == null) {
                if (!create) {
                    throw new NoSuchFileException(path.toString());
                }
                node = createEntry(absolute, false);
            } else {
                if (createNew) {
                    throw new FileAlreadyExistsException(path.toString());
                }
                if (node.isDirectory()) {
                    if (write) {
                        throw new FileSystemException(path.toString(), null, "is a directory");
                    }
                    throw new FileSystemException(path.toString(), null, "is a directory: list it with a directory stream");
                }
                if (write && (node.attributes & DirectoryEntry.ATTR_READ_ONLY) != 0) {
                    throw new AccessDeniedException(path.toString(), null, "the file has FAT's read-only attribute");
                }
                if (write && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                    FileContent.truncate(volume, node, 0);
                }
            }
            node.openChannels++;
        } finally {
            lock.unlock();
        }
        Runnable onClose = null;
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            onClose = () -> {
                try {
                    delete(absolute);
                } catch (IOException ignored) {
                    // already deleted or renamed: nothing left to do
                }
            };
        }
        FatFileChannel channel = new FatFileChannel(this, node, read, write, append, sync, onClose);
        channels.add(channel);
        return channel;
    }

    void channelClosed(FatFileChannel channel) {
        channels.remove(channel);
    }

    DirectoryStream<Path> newDirectoryStream(FatPath dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        volume.lock.readLock().lock();
        try {
            checkOpen();
            Node node = lookup(absolute(dir));
            if (!node.isDirectory()) {
                throw new NotDirectoryException(dir.toString());
            }
            List<String> names = new ArrayList<>();
            for (Node child : node.directory(volume).children()) {
                names.add(child.name);
            }
            return new FatDirectoryStream(dir, names, filter);
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    void createDirectory(FatPath dir) throws IOException {
        volume.lock.writeLock().lock();
        try {
            checkOpen();
            volume.checkWritable();
            FatPath absolute = absolute(dir);
            if (absolute.names().isEmpty()) {
                throw new FileAlreadyExistsException("/");
            }
            if (lookupOrNull(absolute) != null) {
                throw new FileAlreadyExistsException(dir.toString());
            }
            createEntry(absolute, true);
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    void delete(FatPath path) throws IOException {
        volume.lock.writeLock().lock();
        try {
            checkOpen();
            volume.checkWritable();
            Node node = lookup(absolute(path));
            if (node.isRoot()) {
                throw new FileSystemException("/", null, "the root directory cannot be deleted");
            }
            if (node.isDirectory() && !node.directory(volume).isEmpty()) {
                throw new DirectoryNotEmptyException(path.toString());
            }
            removeEntry(node);
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    void move(FatPath source, FatPath target, Set<CopyOption> options) throws IOException {
        volume.lock.writeLock().lock();
        try {
            checkOpen();
            volume.checkWritable();
            FatPath from = absolute(source);
            FatPath to = absolute(target);
            Node node = lookup(from);
            if (node.isRoot()) {
                throw new FileSystemException("/", null, "the root directory cannot be moved");
            }
            if (to.names().isEmpty()) {
                throw new FileAlreadyExistsException("/");
            }
            Node targetParent = lookup((FatPath) to.getParent());
            if (!targetParent.isDirectory()) {
                throw new NotDirectoryException(to.getParent().toString());
            }
            for (Node n = targetParent; n != null; n = n.parent == null ? null : n.parent.owner) {
                if (n == node) {
                    throw new FileSystemException(source.toString(), target.toString(), "cannot move a directory into itself");
                }
            }
            String newName = to.names().getLast();
            Directory destination = targetParent.directory(volume);
            Node existing = destination.lookup(newName);
            if (existing == node) {
                if (node.name.equals(newName)) {
                    return; // moving onto itself: nothing to do
                }
                existing = null; // a change of case only
            }
            if (existing != null) {
                if (!options.contains(StandardCopyOption.REPLACE_EXISTING)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                if (existing.isDirectory() && !existing.directory(volume).isEmpty()) {
                    throw new DirectoryNotEmptyException(target.toString());
                }
                removeEntry(existing);
            }
            if (volume.isPending(node)) {
                volume.sync(); // the new entry must describe what the FAT on disk holds
            }
            EntryMove.move(volume, node, destination, newName);
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    void copy(FatPath source, FatPath target, Set<CopyOption> options) throws IOException {
        boolean replace = options.contains(StandardCopyOption.REPLACE_EXISTING);
        FatFileAttributes attrs = readAttributes(source);
        volume.lock.writeLock().lock();
        try {
            checkOpen();
            volume.checkWritable();
            Node existing = lookupOrNull(absolute(target));
            Node src = lookup(absolute(source));
            if (existing == src) {
                return;
            }
            if (existing != null) {
                if (!replace) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                if (existing.isDirectory() && !existing.directory(volume).isEmpty()) {
                    throw new DirectoryNotEmptyException(target.toString());
                }
                removeEntry(existing);
            }
            if (attrs.isDirectory()) {
                createEntry(absolute(target), true);
            }
        } finally {
            volume.lock.writeLock().unlock();
        }
        if (!attrs.isDirectory()) {
            try (FileChannel in = newFileChannel(source, Set.of(StandardOpenOption.READ));
                 FileChannel out = newFileChannel(target, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
                ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
                while (in.read(buffer.clear()) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                }
            }
        }
        if (options.contains(StandardCopyOption.COPY_ATTRIBUTES)) {
            setTimes(target, attrs.lastModifiedTime(), attrs.lastAccessTime(), attrs.creationTime());
            volume.lock.writeLock().lock();
            try {
                Node t = lookup(absolute(target));
                t.attributes = (t.attributes & DirectoryEntry.ATTR_DIRECTORY) | (attrs.dosAttributes() & 0x27);
                volume.markPending(t);
            } finally {
                volume.lock.writeLock().unlock();
            }
        }
    }

    FatFileAttributes readAttributes(FatPath path) throws IOException {
        volume.lock.readLock().lock();
        try {
            checkOpen();
            return FatFileAttributes.of(lookup(absolute(path)));
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    void checkAccess(FatPath path, AccessMode... modes) throws IOException {
        FatFileAttributes a = readAttributes(path);
        for (AccessMode mode : modes) {
            if (mode == AccessMode.WRITE && (volume.readOnly || (a.isReadOnly() && !a.isDirectory()))) {
                throw new AccessDeniedException(path.toString(), null,
                        volume.readOnly ? "the FAT volume is mounted read-only" : "the file has FAT's read-only attribute");
            }
        }
    }

    void setTimes(FatPath path, FileTime modified, FileTime accessed, FileTime created) throws IOException {
        changeEntry(path, node -> {
            if (modified != null) {
                node.modified = DosTime.modified(modified.toMillis());
            }
            if (accessed != null) {
                node.accessed = DosTime.accessed(accessed.toMillis());
            }
            if (created != null) {
                node.created = DosTime.created(created.toMillis());
            }
        });
    }

    void setDosBit(FatPath path, int bit, boolean value) throws IOException {
        changeEntry(path, node -> node.attributes = value ? node.attributes | bit : node.attributes & ~bit);
    }

    void setPermissions(FatPath path, Set<PosixFilePermission> perms) throws IOException {
        changeEntry(path, node -> {
            if (!node.isDirectory()) {
                boolean readOnly = !perms.contains(PosixFilePermission.OWNER_WRITE);
                node.attributes = readOnly ? node.attributes | DirectoryEntry.ATTR_READ_ONLY
                        : node.attributes & ~DirectoryEntry.ATTR_READ_ONLY;
            }
        });
    }

    Path realPath(FatPath path) throws IOException {
        volume.lock.readLock().lock();
        try {
            checkOpen();
            Node node = lookup(absolute(path));
            return getPath(node.path());
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    boolean isSameFile(FatPath a, FatPath b) throws IOException {
        if (a.equals(b)) {
            return true;
        }
        volume.lock.readLock().lock();
        try {
            checkOpen();
            return lookup(absolute(a)) == lookup(absolute(b));
        } finally {
            volume.lock.readLock().unlock();
        }
    }

    void checkOpen() {
        if (!isOpen()) {
            throw new ClosedFileSystemException();
        }
    }

    // ---- helpers (callers hold the volume lock) ----

    private interface EntryChange {
        void apply(Node node);
    }

    private void changeEntry(FatPath path, EntryChange change) throws IOException {
        volume.lock.writeLock().lock();
        try {
            checkOpen();
            volume.checkWritable();
            Node node = lookup(absolute(path));
            if (node.isRoot()) {
                return; // the root has no entry to hold attributes
            }
            change.apply(node);
            volume.markPending(node);
        } finally {
            volume.lock.writeLock().unlock();
        }
    }

    private static FatPath absolute(FatPath path) {
        return (FatPath) path.toAbsolutePath().normalize();
    }

    private Node lookup(FatPath absolute) throws IOException {
        Node node = lookupOrNull(absolute);
        if (node == null) {
            throw new NoSuchFileException(absolute.toString());
        }
        return node;
    }

    /** The node at an absolute, normalized path; null when the last name is missing. */
    private Node lookupOrNull(FatPath absolute) throws IOException {
        Node node = volume.root;
        List<String> names = absolute.names();
        for (int i = 0; i < names.size(); i++) {
            if (!node.isDirectory()) {
                throw new NoSuchFileException(absolute.toString(), null, "'" + node.path() + "' is a file, not a directory");
            }
            Node child = node.directory(volume).lookup(names.get(i));
            if (child == null) {
                if (i < names.size() - 1) {
                    throw new NoSuchFileException(absolute.toString(), null, "no directory '" + names.get(i) + "' in " + node.path());
                }
                return null;
            }
            node = child;
        }
        return node;
    }

    /** Creates a file or directory entry; the parent must exist. */
    private Node createEntry(FatPath absolute, boolean directory) throws IOException {
        Node parent = lookup((FatPath) absolute.getParent());
        if (!parent.isDirectory()) {
            throw new NotDirectoryException(parent.path());
        }
        Directory dir = parent.directory(volume);
        long now = System.currentTimeMillis();
        Node node = new Node();
        node.created = DosTime.created(now);
        node.modified = DosTime.modified(now);
        node.accessed = DosTime.accessed(now);
        String name = absolute.names().getLast();
        if (!directory) {
            node.attributes = DirectoryEntry.ATTR_ARCHIVE;
            node.chainLength = 0;
            dir.add(node, name);
            return node;
        }
        FatNames.checkStorable(name);
        if (dir.lookup(name) != null) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        node.attributes = DirectoryEntry.ATTR_DIRECTORY;
        int cluster = volume.allocateCluster();
        try {
            // The new directory's cluster (".", "..", zeros) and its FAT entry are durable before the
            // entry that points to it, so a crash leaves at worst a lost cluster.
            byte[] data = new byte[volume.clusterBytes];
            DirectoryEntry.encodeDot(".", cluster, now, data, 0);
            DirectoryEntry.encodeDot("..", parent.isRoot() ? 0 : parent.firstCluster, now, data, DirectoryEntry.SIZE);
            volume.write(volume.clusterOffset(cluster), ByteBuffer.wrap(data));
            volume.writeDirtyFat();
            volume.device.flush();
            node.firstCluster = cluster;
            dir.add(node, name);
        } catch (IOException | RuntimeException e) {
            if (node.parent == null) {
                volume.fat.set(cluster, 0);
            }
            throw e;
        }
        return node;
    }

    /** Removes an entry; its clusters are freed at the next barrier, or at last close if still open. */
    private void removeEntry(Node node) throws IOException {
        volume.forgetPending(node);
        node.parent.remove(node);
        node.deleted = true;
        if (node.openChannels == 0 && node.firstCluster != 0) {
            volume.releaseChain(node.firstCluster);
            node.firstCluster = 0;
        }
    }
}
