package dev.unikernel.engine;

/** Where the engine reports progress: the Maven log in the plugin, a list in tests. */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    void debug(String message);
}
