package dev.unikernel.runtime.vm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a jcmd command (e.g. {@code VM.native_memory summary}) against this very JVM through
 * HotSpot's attach socket, since a VM holds no jcmd and the sftp image no jdk.management. It
 * answers only when the JVM was started with {@code -XX:+StartAttachListener} (the socket then
 * exists from boot; no SIGQUIT is needed), so a normal boot pays nothing.
 */
final class SelfDiagnostics {

    private SelfDiagnostics() {
    }

    /** The command's output, or null when this JVM listens for no attach requests. */
    static String jcmd(String command) throws IOException {
        Path socket = Path.of("/tmp/.java_pid" + ProcessHandle.current().pid());
        if (!Files.exists(socket)) {
            return null;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // Attach protocol 1: version, command, then always three arguments, each NUL-terminated.
            String request = "1\0jcmd\0" + command + "\0\0\0";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                reply.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }
}
