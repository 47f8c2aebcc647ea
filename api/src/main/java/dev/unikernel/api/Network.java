package dev.unikernel.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The target's TCP/IP: where servers listen, and the way out (connections, name lookup). On unix
 * servers listen on a host address chosen by a runtime key (loopback by default), on vm on every
 * address of the guest kernel configured at boot, on oci in the container's network; names resolve
 * with the host's resolver, the vm's {@code dns} key, the container's. The application never
 * learns which.
 */
@Device("net")
public interface Network {

    /** The local address servers should bind to. */
    InetAddress listenAddress();

    /** The socket address for {@code port} on {@link #listenAddress()}. */
    default InetSocketAddress listenAddress(int port) {
        return new InetSocketAddress(listenAddress(), port);
    }

    /** Opens a listening channel on {@code port}; a port in use is an IOException naming the address. */
    default ServerSocketChannel listen(int port) throws IOException {
        InetSocketAddress address = listenAddress(port);
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /** Every address of {@code host} (a name or an IP literal), as this target's resolver finds them. */
    default List<InetAddress> resolve(String host) throws IOException {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot resolve host name '" + host + "': " + e.getMessage());
        }
    }

    /** {@link #connect(String, int, Duration)} with 30 seconds for each address. */
    default SocketChannel connect(String host, int port) throws IOException {
        return connect(host, port, Duration.ofSeconds(30));
    }

    /**
     * Opens a TCP connection to {@code port} of {@code host}, trying its addresses in order, each for
     * at most {@code timeout}; failure is an IOException naming the host, the port and each address's
     * reason.
     */
    default SocketChannel connect(String host, int port, Duration timeout) throws IOException {
        List<String> failures = new ArrayList<>();
        for (InetAddress address : resolve(host)) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().connect(new InetSocketAddress(address, port), Math.toIntExact(timeout.toMillis()));
                return channel;
            } catch (IOException e) {
                channel.close();
                failures.add(address.getHostAddress() + ": " + e.getMessage());
            }
        }
        throw new IOException("cannot connect to " + host + " port " + port + " (" + String.join("; ", failures) + ")");
    }
}
