package dev.unikernel.runtime.unix;

import dev.unikernel.api.Arguments;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.ByteSize;
import dev.unikernel.api.Clock;
import dev.unikernel.api.Disk;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import dev.unikernel.api.Network;
import dev.unikernel.api.Provider;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The providers of a Linux process's devices: files, sockets, the system clock and entropy. Every
 * target that runs one links them (unix, the oci container; vm for its clock and entropy, beside
 * its virtio devices); the oci target's defaults put disks in the image's {@code /data} volume and
 * servers on every address of the container.
 */
public final class HostDevices {

    private static final System.Logger LOG = System.getLogger(HostDevices.class.getName());

    private HostDevices() {
    }

    /**
     * The image, locked for this program alone ({@link ImageLock}). An image this start creates is
     * new, so the layers above format it; an existing one is new only with {@code format-blank}.
     */
    @Provider(value = "file", doc = "a disk image file; created blank with create-size when missing", preferred = true,
            keyDefaults = "oci:{device}=/data/{device}.img")
    public static BlockDevice file(
            @Key(name = "{device}", doc = "disk image file holding block device '{device}'") Path image,
            @Key(name = "create-size", doc = "when a disk image does not exist, create it blank with this size (e.g. 256M)")
                    Optional<ByteSize> createSize,
            @Key(name = "format-blank", defaultValue = "false", doc = "format an existing disk image whose first MiB"
                    + " reads as zeros (only an image this start creates is formatted otherwise)") boolean formatBlank)
            throws IOException {
        FileDisk disk = new FileDisk(image);
        if (disk.exists()) {
            return FileBlockDevice.open(image, false, FileBlockDevice.DEFAULT_SECTOR_SIZE, formatBlank);
        }
        if (createSize.isEmpty()) {
            throw new IOException("disk image " + image
                    + " does not exist: give create-size (e.g. --create-size=256M) to create it");
        }
        LOG.log(System.Logger.Level.INFO, "creating disk image {0} of {1}", image, createSize.get());
        return disk.create(createSize.get().bytes());
    }

    @Provider(value = "file", doc = "a disk image file, created if the application asks", preferred = true,
            keyDefaults = "oci:{device}=/data/{device}.img")
    public static Disk fileDisk(
            @Key(name = "{device}", doc = "disk image file of disk '{device}' (created if the application asks)")
                    Path image) {
        return new FileDisk(image);
    }

    @Provider(value = "host", doc = "the host's sockets", keyDefaults = "oci:listen-address=0.0.0.0")
    public static Network host(
            @Key(name = "listen-address", doc = "address that servers listen on (0.0.0.0 for all)",
                    defaultValue = "127.0.0.1") String listenAddress) throws UnknownHostException {
        return HostNetwork.listeningOn(listenAddress);
    }

    @Provider(value = "argv", doc = "the program's arguments (on oci: the container's, after the image's entrypoint)",
            targets = {"unix", "oci"})
    public static Arguments argv(String[] words) {
        return Arguments.of(words);
    }

    @Provider(value = "system", doc = "the operating system's clocks")
    public static Clock clock() {
        return new SystemClock();
    }

    @Provider(value = "system", doc = "the operating system's entropy (SecureRandom)")
    public static Entropy entropy() {
        return new SystemEntropy();
    }
}
