package dev.unikernel.runtime.unix;

import java.nio.file.Path;

/** A second process for the lock tests: opens an image ("rw" or "ro"), says so, and holds it until stdin ends. */
public final class ImageHolder {

    private ImageHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileBlockDevice device = FileBlockDevice.open(Path.of(args[0]), args[1].equals("ro"))) {
            System.out.println("holding " + device);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the image until the parent closes our stdin (or kills us)
            }
        }
    }
}
