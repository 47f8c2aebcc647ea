package dev.unikernel.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** examples/web's server: ready once it logs {@link #READY} and its address. */
final class WebServer {

    /** What examples/web logs once it serves, followed by its address. */
    static final String READY = "web server ready on ";

    private WebServer() {
    }

    /** Starts the unix {@code launcher} on 127.0.0.1 and a free port; waits for its ready line. */
    static ServerProcess start(Path launcher, Path work, String... arguments) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--port=" + port));
        command.addAll(List.of(arguments));
        return ServerProcess.launch(command, work, Map.of(), port, READY + "127.0.0.1:" + port, Duration.ofMinutes(1));
    }
}
