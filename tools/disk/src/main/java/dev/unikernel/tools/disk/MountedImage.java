package dev.unikernel.tools.disk;

import dev.unikernel.api.BlockDevice;
import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/** An image mounted for one command: closing unmounts (clean bit, flush) and then closes the device. */
record MountedImage(BlockDevice device, FileSystem fs) implements AutoCloseable {

    static MountedImage open(Path image, Arguments args, boolean readOnly) throws IOException {
        BlockDevice device = ImageDevices.open(image, args, readOnly);
        try {
            return new MountedImage(device, Fat16.mount(device, readOnly));
        } catch (IOException | RuntimeException e) {
            device.close();
            throw new IOException(image + ": " + e.getMessage(), e);
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
