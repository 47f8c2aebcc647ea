package dev.unikernel.engine.oci;

import java.nio.file.Path;

/** Where a built image goes: an OCI image layout archive on disk, or a registry. */
public sealed interface ImageDestination {

    /** An OCI image layout archive ({@code oci-layout}, {@code index.json}, {@code blobs/}) at {@code file}. */
    record Archive(Path file, String name) implements ImageDestination {
    }

    /** A registry repository and tag, e.g. {@code 127.0.0.1:5000/hello:1.0}. */
    record Registry(String reference) implements ImageDestination {
    }
}
