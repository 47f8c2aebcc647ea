package dev.unikernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The way out of {@link Network}'s default methods, against real sockets on 127.0.0.1. */
class NetworkTest {

    private final Network loopback = () -> InetAddress.getLoopbackAddress();

    @Test
    void resolvesLiteralsAndTheHostsFile() throws Exception {
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), loopback.resolve("127.0.0.1"));
        assertTrue(loopback.resolve("localhost").stream().allMatch(InetAddress::isLoopbackAddress));
        // (No lookup of a missing name: that would ask the machine's DNS server, and tests talk to 127.0.0.1 only.)
    }

    @Test
    void connectsAndCarriesBytesBothWays() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel channel = loopback.connect("127.0.0.1", server.getLocalPort());
                    Socket accepted = server.accept()) {
                channel.write(ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.US_ASCII)));
                byte[] got = accepted.getInputStream().readNBytes(5);
                assertEquals("ping\n", new String(got, StandardCharsets.US_ASCII));
                accepted.getOutputStream().write('!');
                ByteBuffer reply = ByteBuffer.allocate(1);
                assertEquals(1, channel.read(reply));
                assertEquals('!', reply.get(0));
            }
        }
    }

    @Test
    void aRefusedConnectionNamesHostPortAndReason() throws Exception {
        int closed;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            closed = server.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> loopback.connect("127.0.0.1", closed));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1 port " + closed + " (127.0.0.1: "), e.getMessage());
    }
}
