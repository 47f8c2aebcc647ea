package dev.unikernel.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Connections to a server during its AOT training run ({@code <aotTraining><connectTo>}): a server
 * trained without a client caches nothing of what it does for one, so its first answer after a start
 * waits for classes to load and link. Each connection reads what the server sends first (an SSH
 * server's banner and key exchange offer), until it stops sending for a moment, and closes.
 */
final class TrainingConnections {

    /** Connections made: more than one, so that code run once per connection is seen warm too. */
    static final int COUNT = 3;
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int QUIET_MILLIS = 300;
    private static final int RETRY_MILLIS = 20;
    private static final int MAX_BYTES = 64 * 1024;

    private TrainingConnections() {
    }

    /**
     * Connects {@link #COUNT} times to {@code port} on 127.0.0.1, waiting for it to listen, until
     * {@code deadlineNanos} ({@link System#nanoTime()}) or until the process ends.
     *
     * @return the connections made
     */
    static int make(int port, long deadlineNanos, Process process) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        int made = 0;
        while (made < COUNT && process.isAlive() && System.nanoTime() < deadlineNanos) {
            try (Socket socket = new Socket()) {
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
                readWhatArrives(socket);
                made++;
            } catch (IOException notListeningYet) {
                Thread.sleep(RETRY_MILLIS);
            }
        }
        return made;
    }

    private static void readWhatArrives(Socket socket) throws IOException {
        socket.setSoTimeout(QUIET_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int total = 0;
        try {
            for (int n; total < MAX_BYTES && (n = in.read(buffer)) >= 0; total += n) {
                // what the server says is not checked: the point is that it ran
            }
        } catch (SocketTimeoutException quiet) {
            // it has said what it says without an answer
        }
    }
}
