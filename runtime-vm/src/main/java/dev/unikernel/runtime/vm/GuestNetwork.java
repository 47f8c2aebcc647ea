package dev.unikernel.runtime.vm;

import dev.unikernel.api.Network;
import dev.unikernel.runtime.unix.HostNetwork;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The guest kernel's TCP/IP on virtio-net, configured by PID 1 with the classic socket ioctls (what
 * {@code ifconfig} and {@code route} do): {@code lo} up, {@code eth0} with an address and netmask,
 * and a default route. Servers then listen on every address, since the VMM's port forward is the
 * guard in front of the guest.
 */
public final class GuestNetwork {

    private static final long SIOCADDRT = 0x890B;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCSIFADDR = 0x8916;
    private static final long SIOCSIFNETMASK = 0x891C;
    private static final short IFF_UP = 0x1;
    private static final short RTF_UP = 0x1;
    private static final short RTF_GATEWAY = 0x2;
    /** struct ifreq: a 16-byte name, then a 24-byte union (sockaddr or flags). */
    private static final int IFREQ_SIZE = 40;
    /** struct rtentry on x86-64. */
    private static final int RTENTRY_SIZE = 120;
    /** How long to wait for the virtio-net driver to register eth0. */
    private static final long DEVICE_WAIT_MILLIS = 5_000;

    private GuestNetwork() {
    }

    /**
     * Brings up {@code lo} and {@code eth0} with {@code address}/{@code netmask}, routes everything
     * through {@code gateway}, and returns the network servers listen on (0.0.0.0).
     */
    public static Network up(String address, String netmask, String gateway) throws IOException {
        byte[] ip = Ipv4.parse("ip", address);
        byte[] mask = Ipv4.parseNetmask("netmask", netmask);
        byte[] via = Ipv4.parse("gateway", gateway);
        int fd = Linux.socket(Linux.AF_INET, Linux.SOCK_DGRAM);
        try (Arena arena = Arena.ofConfined()) {
            setUp(arena, fd, "lo");
            waitForDevice(arena, fd, "eth0");
            call(fd, SIOCSIFADDR, ifreqAddress(arena, "eth0", ip), "set address " + address + " on eth0");
            call(fd, SIOCSIFNETMASK, ifreqAddress(arena, "eth0", mask), "set netmask " + netmask + " on eth0");
            setUp(arena, fd, "eth0");
            MemorySegment route = arena.allocate(RTENTRY_SIZE);
            putSockaddr(route, 8, new byte[4]); // rt_dst 0.0.0.0
            putSockaddr(route, 24, via); // rt_gateway
            putSockaddr(route, 40, new byte[4]); // rt_genmask 0.0.0.0
            route.set(ValueLayout.JAVA_SHORT, 56, (short) (RTF_UP | RTF_GATEWAY));
            int errno = Linux.ioctl(fd, SIOCADDRT, route);
            if (errno != 0 && errno != Linux.EEXIST) {
                throw new IOException("cannot route through gateway " + gateway + ": " + Linux.strerror(errno)
                        + " (is it inside " + address + "/" + netmask + "? set unikernel.gateway)");
            }
        } finally {
            Linux.close(fd);
        }
        return new HostNetwork(InetAddress.getByAddress(new byte[4]));
    }

    private static void waitForDevice(Arena arena, int fd, String name) throws IOException {
        long deadline = System.nanoTime() + DEVICE_WAIT_MILLIS * 1_000_000;
        while (true) {
            int errno = Linux.ioctl(fd, SIOCGIFFLAGS, ifreq(arena, name));
            if (errno == 0) {
                return;
            }
            if (errno != Linux.ENODEV || System.nanoTime() > deadline) {
                throw new IOException("no network interface " + name + " (" + Linux.strerror(errno)
                        + "): give the VM a virtio-net device (qemu -device virtio-net-pci,netdev=...)");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
        }
    }

    private static void setUp(Arena arena, int fd, String name) throws IOException {
        MemorySegment request = ifreq(arena, name);
        call(fd, SIOCGIFFLAGS, request, "read the flags of " + name);
        short flags = request.get(ValueLayout.JAVA_SHORT, 16);
        request.set(ValueLayout.JAVA_SHORT, 16, (short) (flags | IFF_UP));
        call(fd, SIOCSIFFLAGS, request, "bring up " + name);
    }

    private static void call(int fd, long request, MemorySegment argument, String what) throws IOException {
        int errno = Linux.ioctl(fd, request, argument);
        if (errno != 0) {
            throw new IOException("cannot " + what + ": " + Linux.strerror(errno) + " (errno " + errno + ")");
        }
    }

    private static MemorySegment ifreq(Arena arena, String name) {
        MemorySegment request = arena.allocate(IFREQ_SIZE);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, request, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return request;
    }

    private static MemorySegment ifreqAddress(Arena arena, String name, byte[] address) {
        MemorySegment request = ifreq(arena, name);
        putSockaddr(request, 16, address);
        return request;
    }

    /** A struct sockaddr_in: family AF_INET, port 0, the address in network order. */
    private static void putSockaddr(MemorySegment segment, long offset, byte[] address) {
        segment.set(ValueLayout.JAVA_SHORT, offset, (short) Linux.AF_INET);
        MemorySegment.copy(address, 0, segment, ValueLayout.JAVA_BYTE, offset + 4, 4);
    }
}
