package dev.unikernel.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS server of one zone for tests, on 127.0.0.1:53 (UDP): answers A queries for its names,
 * NOERROR with no answer for their other types, NXDOMAIN for other names, and records each question.
 * qemu's user network passes a guest's queries to 10.0.2.2:53 to it, so a VM with {@code dns=10.0.2.2}
 * resolves through it without any traffic leaving the host. Port 53 needs root, as runc does.
 */
final class TestNameServer implements AutoCloseable {

    private static final int TYPE_A = 1;

    private final DatagramSocket socket;
    private final Map<String, InetAddress> names;
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    TestNameServer(Map<String, InetAddress> names) throws IOException {
        this.names = Map.copyOf(names);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        this.thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
    }

    /** The questions asked so far, as {@code name/type}: {@code collector.test/1}. */
    List<String> questions() {
        return List.copyOf(questions);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] reply = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException malformed) {
                // a query we cannot read: no answer, as a real server would drop it
            }
        }
    }

    private byte[] answer(ByteBuffer query) {
        int id = query.getShort(0) & 0xffff;
        if (query.limit() < 12 || (query.getShort(4) & 0xffff) != 1) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int position = 12;
        for (int length = query.get(position) & 0xff; length != 0; length = query.get(position) & 0xff) {
            for (int i = 1; i <= length; i++) {
                name.append((char) query.get(position + i));
            }
            name.append('.');
            position += length + 1;
        }
        int questionEnd = position + 1 + 4;
        int type = query.getShort(position + 1) & 0xffff;
        String asked = name.toString().toLowerCase(Locale.ROOT);
        asked = asked.endsWith(".") ? asked.substring(0, asked.length() - 1) : asked;
        questions.add(asked + "/" + type);
        InetAddress address = names.get(asked);
        boolean answers = address != null && type == TYPE_A;
        ByteBuffer reply = ByteBuffer.allocate(questionEnd + (answers ? 16 : 0));
        reply.putShort((short) id);
        reply.putShort((short) (address == null ? 0x8183 : 0x8180)); // a response; NXDOMAIN or NOERROR
        reply.putShort((short) 1).putShort((short) (answers ? 1 : 0)).putShort((short) 0).putShort((short) 0);
        reply.put(query.array(), query.arrayOffset() + 12, questionEnd - 12);
        if (answers) {
            reply.putShort((short) 0xc00c).putShort((short) TYPE_A).putShort((short) 1).putInt(60).putShort((short) 4);
            reply.put(address.getAddress());
        }
        return reply.array();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
