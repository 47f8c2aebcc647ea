package dev.unikernel.engine;

import java.util.ArrayList;
import java.util.List;

/** A BuildLog that keeps its lines, for tests. */
final class RecordingLog implements BuildLog {

    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }
}
