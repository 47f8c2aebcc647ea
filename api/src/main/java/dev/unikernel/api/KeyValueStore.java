package dev.unikernel.api;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Read-only values by key, as mirage's {@code kv_ro}: a web site's pages, a program's data files.
 * A key is a relative path of {@code /}-separated segments ({@code css/site.css}); no segment is
 * empty, {@code .} or {@code ..}; a store may refuse more (a backslash, a NUL, names it reserves), and
 * every method throws {@link IllegalArgumentException} naming a key it refuses, so a key taken from a
 * request can be passed as it is. Where the values live (a host directory, files baked into the
 * image, the program's own jar) is configuration; the application never learns which.
 */
@Device("kv")
public interface KeyValueStore {

    /** Every key, sorted. */
    List<String> keys() throws IOException;

    /** What is known about a value without reading it; empty when there is no such key. */
    Optional<ValueInfo> info(String key) throws IOException;

    /** The whole value; a missing key is a {@link java.nio.file.NoSuchFileException} naming it. */
    byte[] read(String key) throws IOException;
}
