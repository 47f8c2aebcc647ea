package dev.unikernel.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * {@value #PLACEHOLDER} in a training argument ({@code --port={free-port}}): a TCP port free on
 * 127.0.0.1 when the training starts, so that a server's training run does not fail because another
 * build or program holds a fixed port. Replaced only in the command that runs: the cache's stamp
 * keeps the placeholder, so a new port does not make the cache out of date.
 */
final class FreePort {

    static final String PLACEHOLDER = "{free-port}";

    private FreePort() {
    }

    /** The command with every placeholder replaced by one free port. */
    static List<String> substitute(List<String> command) throws IOException {
        if (command.stream().noneMatch(word -> word.contains(PLACEHOLDER))) {
            return command;
        }
        return substitute(command, find());
    }

    /** The words with every placeholder replaced by {@code port}. */
    static List<String> substitute(List<String> words, int port) {
        return words.stream().map(word -> word.replace(PLACEHOLDER, Integer.toString(port))).toList();
    }

    static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
