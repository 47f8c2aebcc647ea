package dev.unikernel.kv;

import dev.unikernel.api.Key;
import dev.unikernel.api.KeyValueStore;
import dev.unikernel.api.Provider;
import dev.unikernel.api.WritableKeyValueStore;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The key-value providers, as mirage's {@code kv_ro} and {@code kv_rw}: {@code directory}, the files
 * of a directory (baked into the image at {@code /files/<device>} on vm and oci, a host directory on
 * unix), {@code embedded}, files baked into the program's jar on every target (mirage's crunch), and
 * {@code kv}, values kept as files in a folder of a FileSystem device ({@code fat(disk)}).
 */
public final class KvDevices {

    /** The provider cannot know its device's name, so the message names the key's form. */
    private static final String GIVE_DIRECTORY = "give this device's key a directory of values"
            + " (on unix --<device>=DIR, e.g. --site=DIR; on vm and oci, the plugin's <files> entry for the device)";

    private KvDevices() {
    }

    @Provider(value = "directory", doc = "the files of a directory, read-only", preferred = true,
            files = Provider.IMAGE_FILES, keyDefaults = {"vm:{device}=/files/{device}", "oci:{device}=/files/{device}"})
    public static KeyValueStore directory(
            @Key(name = "{device}", doc = "directory holding the values of '{device}'") Path directory)
            throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "no such directory: " + GIVE_DIRECTORY);
        }
        if (!Files.isDirectory(root)) {
            throw new FileSystemException(root.toString(), null, "not a directory: " + GIVE_DIRECTORY);
        }
        return new PathKeyValueStore(root, "directory " + root);
    }

    @Provider(value = "embedded", doc = "files baked into the program's jar (the plugin's <files>), read-only",
            files = Provider.CLASS_PATH_FILES)
    public static KeyValueStore embedded(
            @Key(name = "{device}-resources", defaultValue = "unikernel/files/{device}",
                    doc = "class path folder holding the values of '{device}' (baked there by <files>)") String resources)
            throws IOException {
        return ResourceKeyValueStore.open(KvDevices.class.getClassLoader(), resources);
    }

    @Provider(value = "kv", doc = "values kept as files in a folder of a file system, written atomically")
    public static WritableKeyValueStore kv(FileSystem volume,
            @Key(name = "{device}-folder", defaultValue = "/",
                    doc = "folder of the file system holding the values of '{device}'") String folder)
            throws IOException {
        Path path = volume.getPath(folder);
        if (!path.isAbsolute()) {
            path = volume.getRootDirectories().iterator().next().resolve(path);
        }
        Path root = path.normalize();
        String description = "kv " + root + " on " + describe(volume);
        if (!Files.exists(root)) {
            if (volume.isReadOnly()) {
                throw new NoSuchFileException(root.toString(), null, "no such folder, and " + description
                        + " cannot create it on a read-only file system: give an existing folder (key <device>-folder)");
            }
            Files.createDirectories(root);
        } else if (!Files.isDirectory(root)) {
            throw new FileSystemException(root.toString(), null, "not a folder, so " + description
                    + " cannot keep values there: give another folder (key <device>-folder)");
        }
        // Not closed by us: the file system is a device of its own, closed by the runtime.
        return new WritablePathKeyValueStore(root, description);
    }

    /** A file system's own words, or its kind when it has none (FileSystem need not override toString). */
    private static String describe(FileSystem fs) {
        if (fs == FileSystems.getDefault()) {
            return "the host file system";
        }
        String own = fs.toString();
        String inherited = fs.getClass().getName() + "@" + Integer.toHexString(fs.hashCode());
        return own.equals(inherited) ? "a " + fs.provider().getScheme() + " file system" : own;
    }
}
