package dev.unikernel.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** examples/sftp's server: started with {@code --port=FREE}, ready once it logs {@link #READY}. */
final class SftpServerProcess {

    static final String READY = "SFTP server ready";

    private SftpServerProcess() {
    }

    /** Starts {@code launcher} with {@code --port=FREE} plus {@code arguments}; waits for the ready line. */
    static ServerProcess start(Path launcher, Path work, List<String> arguments) throws Exception {
        return start(List.of(launcher.toString()), work, arguments, Map.of());
    }

    /** Starts {@code program} (its command words) with {@code --port=FREE}, the arguments and extra environment. */
    static ServerProcess start(List<String> program, Path work, List<String> arguments,
            Map<String, String> environment) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(program);
        command.add("--port=" + port);
        command.addAll(arguments);
        return launch(command, work, environment, port, Duration.ofMinutes(2));
    }

    /** Starts {@code command} as it is (a VM's run-qemu) and waits up to {@code readyWithin} for the ready line. */
    static ServerProcess launch(List<String> command, Path work, Map<String, String> environment, int port,
            Duration readyWithin) throws Exception {
        return ServerProcess.launch(command, work, environment, port, READY, readyWithin);
    }
}
