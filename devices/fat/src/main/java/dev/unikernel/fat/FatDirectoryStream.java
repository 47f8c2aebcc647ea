package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A listing taken as a snapshot of names when the stream opens: cheap, and safe against concurrent changes. */
final class FatDirectoryStream implements DirectoryStream<Path> {

    private final FatPath dir;
    private final List<String> names;
    private final Filter<? super Path> filter;
    private boolean iterated;
    private boolean closed;

    FatDirectoryStream(FatPath dir, List<String> names, Filter<? super Path> filter) {
        this.dir = dir;
        this.names = names;
        this.filter = filter;
    }

    @Override
    public Iterator<Path> iterator() {
        if (closed || iterated) {
            throw new IllegalStateException(closed ? "directory stream is closed" : "iterator() was already called");
        }
        iterated = true;
        return new Iterator<>() {
            private int index;
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && !closed && index < names.size()) {
                    Path candidate = dir.resolve(names.get(index++));
                    try {
                        if (filter == null || filter.accept(candidate)) {
                            next = candidate;
                        }
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = next;
                next = null;
                return p;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
