package dev.unikernel.runtime.unix;

import dev.unikernel.api.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host's sockets, listening on one chosen local address. */
public final class HostNetwork implements Network {

    private final InetAddress listenAddress;

    public HostNetwork(InetAddress listenAddress) {
        this.listenAddress = listenAddress;
    }

    /** Listens on {@code address}: an IP literal or a host name of this machine. */
    public static HostNetwork listeningOn(String address) throws UnknownHostException {
        try {
            return new HostNetwork(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new UnknownHostException("cannot listen on '" + address + "': not an address of this machine");
        }
    }

    @Override
    public InetAddress listenAddress() {
        return listenAddress;
    }

    @Override
    public String toString() {
        return "HostNetwork[" + listenAddress.getHostAddress() + "]";
    }
}
