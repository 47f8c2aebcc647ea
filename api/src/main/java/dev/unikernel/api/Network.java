package dev.unikernel.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The target's network as a server sees it: where to listen. On unix that is a host address chosen
 * by a runtime key (loopback by default), on vm every address of the guest kernel configured at boot,
 * on oci the container's network. The application never learns which.
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
}
