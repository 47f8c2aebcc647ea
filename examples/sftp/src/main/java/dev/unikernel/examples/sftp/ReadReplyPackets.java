package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.util.Arrays;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * One SSH_FXP_DATA reply, read from the file straight into the SSH packets that carry it. MINA reads
 * a reply into one fresh, zeroed array, copies all of it again when it is larger than a packet, then
 * copies each packet into a third fresh array. Here the file's bytes land where the packet is
 * encrypted and sent from: MINA's channel stream takes a {@link PacketBuffer} whose readable bytes are
 * exactly one packet's data, with room for the SSH headers in front, as it is. When the peer's window
 * cannot take a whole packet, MINA falls back to copying, which is as correct, only slower.
 *
 * <p>Packets after the first start at file offsets that are multiples of {@link #ALIGNMENT}, so the
 * decryption below sees whole sectors except at the reply's two ends, as with a single read.
 */
final class ReadReplyPackets {

    /** SSH packet length and padding length, message code, recipient channel, data length. */
    static final int CHANNEL_HEADER = SshConstants.SSH_PACKET_HEADER_LEN + 1 + 4 + 4;
    /** The SFTP reply's length, type, request id and data length, in front of the data. */
    static final int SFTP_HEADER = 4 + 1 + 4 + 4;
    /** The largest data a packet carries: what every SSH implementation must accept. */
    static final int MAX_PACKET_DATA = SshConstants.SSH_REQUIRED_PAYLOAD_PACKET_LENGTH_SUPPORT;
    /** Room after the data for SFTP v6's end-of-file flag, the SSH padding and the MAC or tag. */
    static final int TRAILER = 128;
    /** An array that holds a whole packet, headers and trailer included. */
    static final int ARRAY_LENGTH = CHANNEL_HEADER + MAX_PACKET_DATA + TRAILER;
    /** The largest encryption sector (LUKS2's default), a divisor of the packet data size. */
    static final int ALIGNMENT = 4096;

    /** Reads one packet's worth of file bytes into an array, as MINA's SFTP read does. */
    interface FileReader {
        /** Returns the bytes read, -1 at the end of the file. */
        int read(long offset, int length, byte[] array, int arrayOffset) throws IOException;
    }

    private final PacketArrays arrays;
    private final byte[][] packets;
    private final int[] lengths;
    private int count;
    private int dataLength;

    private ReadReplyPackets(PacketArrays arrays, int maxPackets) {
        this.arrays = arrays;
        this.packets = new byte[maxPackets][];
        this.lengths = new int[maxPackets];
    }

    /**
     * Reads up to {@code length} bytes at {@code offset} into packets of at most {@code packetData}
     * data bytes each. Returns null at the end of the file (nothing read); the caller then answers
     * with an EOF status, as MINA does.
     */
    static ReadReplyPackets read(PacketArrays arrays, FileReader file, int id, long offset, int length,
            int packetData) throws IOException {
        int perPacket = Math.min(packetData, MAX_PACKET_DATA);
        ReadReplyPackets reply = new ReadReplyPackets(arrays, (SFTP_HEADER + length) / perPacket + 2);
        try {
            boolean atEnd = reply.fill(file, offset, length, perPacket);
            if (atEnd && reply.dataLength == 0) {
                reply.releaseFrom(0);
                return null;
            }
        } catch (IOException | RuntimeException | Error e) {
            reply.releaseFrom(0);
            throw e;
        }
        reply.writeSftpHeader(id);
        return reply;
    }

    private boolean fill(FileReader file, long offset, int length, int perPacket) throws IOException {
        do { // at least one read: a zero-length read still answers DATA, or EOF at the end of the file
            byte[] array = arrays.borrow();
            packets[count] = array;
            int header = count == 0 ? SFTP_HEADER : 0;
            int want = Math.min(length - dataLength, perPacket - header);
            long position = offset + dataLength;
            if (want < length - dataLength) {
                long alignedEnd = (position + want) & -ALIGNMENT;
                if (alignedEnd > position) {
                    want = (int) (alignedEnd - position);
                }
            }
            count++;
            int read = file.read(position, want, array, CHANNEL_HEADER + header);
            if (read < 0) {
                lengths[count - 1] = header;
                return true;
            }
            lengths[count - 1] = header + read;
            dataLength += read;
            if (read < want) {
                return false; // a short read: send what there is, the client asks again
            }
        } while (dataLength < length);
        return false;
    }

    private void writeSftpHeader(int id) {
        byte[] first = packets[0];
        int at = CHANNEL_HEADER;
        BufferUtils.putUInt(1 + 4 + 4 + dataLength, first, at, 4);
        first[at + 4] = (byte) SftpConstants.SSH_FXP_DATA;
        BufferUtils.putUInt(id & 0xFFFFFFFFL, first, at + 5, 4);
        BufferUtils.putUInt(dataLength, first, at + 9, 4);
    }

    int dataLength() {
        return dataLength;
    }

    /** SFTP v6's end-of-file flag after the data (OpenSSH speaks v3 and never sees it). */
    void appendEndOfFile(boolean endOfFile) {
        int last = count - 1;
        packets[last][CHANNEL_HEADER + lengths[last]] = (byte) (endOfFile ? 1 : 0);
        lengths[last]++;
        BufferUtils.putUInt(BufferUtils.getUInt(packets[0], CHANNEL_HEADER, 4) + 1, packets[0], CHANNEL_HEADER, 4);
    }

    /** Where packets go: the SFTP subsystem's channel stream ({@code IoOutputStream::writeBuffer}). */
    interface PacketWriter {
        IoWriteFuture write(Buffer packet) throws IOException;
    }

    /** Queues the packets; each array goes back to the pool once its packet is written. */
    void send(PacketWriter out) throws IOException {
        int next = 0;
        try {
            for (; next < count; next++) {
                byte[] array = packets[next];
                if (lengths[next] == 0) {
                    arrays.release(array);
                    continue;
                }
                PacketBuffer packet = new PacketBuffer(array, false);
                packet.wpos(CHANNEL_HEADER + lengths[next]);
                packet.rpos(CHANNEL_HEADER);
                out.write(packet).addListener(written -> {
                    if (written.isWritten()) {
                        arrays.release(array);
                    }
                });
            }
        } finally {
            // Arrays after a failed write were never queued; the one that failed may still be held.
            releaseFrom(next + 1);
        }
    }

    private void releaseFrom(int first) {
        for (int i = first; i < count; i++) {
            arrays.release(packets[i]);
        }
        Arrays.fill(packets, null);
    }
}
