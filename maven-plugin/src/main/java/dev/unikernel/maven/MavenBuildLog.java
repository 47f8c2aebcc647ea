package dev.unikernel.maven;

import dev.unikernel.engine.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** The engine's progress, in the Maven log (quiet under -q, which hides INFO). */
final class MavenBuildLog implements BuildLog {

    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
