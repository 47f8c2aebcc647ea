package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** An image mounted for one command: closing unmounts (clean bit, flush) and then closes the device. */
record MountedImage(BlockDevice device, FileSystem fs) implements AutoCloseable {

    static MountedImage open(Path image, ImageDevices options, boolean readOnly, Io io, String command)
            throws IOException, UsageException {
        BlockDevice device = options.open(image, readOnly, io, command);
        try {
            return new MountedImage(device, Fat16.mount(device, readOnly));
        } catch (IOException | RuntimeException e) {
            device.close();
            throw new WrongImageException(image + ": " + e.getMessage()
                    + (options.luks ? "" : " (an encrypted image needs --luks)"), e);
        }
    }

    Path path(String path) {
        return fs.getPath(path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            device.close();
        }
    }
}
