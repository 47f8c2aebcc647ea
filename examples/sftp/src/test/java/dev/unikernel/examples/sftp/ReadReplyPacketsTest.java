package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.sshd.common.channel.IoWriteFutureImpl;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.Test;

class ReadReplyPacketsTest {

    private static final int ID = 0x7FEE_DD01;
    private final byte[] file = new byte[1 << 20];
    private final List<long[]> reads = new ArrayList<>();

    ReadReplyPacketsTest() {
        new Random(5).nextBytes(file);
    }

    private int readFile(long offset, int length, byte[] array, int arrayOffset) {
        reads.add(new long[] {offset, length});
        if (offset >= file.length) {
            return -1;
        }
        int n = (int) Math.min(length, file.length - offset);
        System.arraycopy(file, (int) offset, array, arrayOffset, n);
        return n;
    }

    /** Written packets, each with the future its writer completes. */
    private record Sent(Buffer packet, IoWriteFutureImpl future) {
    }

    private static ReadReplyPackets.PacketWriter capture(List<Sent> sent) {
        return packet -> {
            IoWriteFutureImpl future = new IoWriteFutureImpl("test", packet);
            sent.add(new Sent(packet, future));
            return future;
        };
    }

    /** The SFTP reply the packets carry, as the client reassembles it. */
    private static byte[] stream(List<Sent> sent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Sent s : sent) {
            out.write(s.packet.array(), s.packet.rpos(), s.packet.available());
        }
        return out.toByteArray();
    }

    @Test
    void aReplyIsTheSftpHeaderAndTheFileBytesInPacketsNoLargerThanThePeerTakes() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        long offset = 261_120; // where OpenSSH's second 255 KiB read starts: not sector-aligned
        ReadReplyPackets reply = ReadReplyPackets.read(arrays, this::readFile, ID, offset, 261_120, 32_768);
        List<Sent> sent = new ArrayList<>();
        reply.send(capture(sent));

        byte[] stream = stream(sent);
        assertEquals(13 + 261_120, stream.length);
        assertEquals(1 + 4 + 4 + 261_120, BufferUtils.getUInt(stream, 0, 4));
        assertEquals(SftpConstants.SSH_FXP_DATA, stream[4]);
        assertEquals(ID & 0xFFFFFFFFL, BufferUtils.getUInt(stream, 5, 4));
        assertEquals(261_120, BufferUtils.getUInt(stream, 9, 4));
        byte[] expected = new byte[261_120];
        System.arraycopy(file, (int) offset, expected, 0, expected.length);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(stream, 13, stream.length));
        for (Sent s : sent) {
            assertTrue(s.packet instanceof PacketBuffer, "MINA sends a PacketBuffer as it is");
            assertEquals(ReadReplyPackets.CHANNEL_HEADER, s.packet.rpos(), "room for the SSH headers in front");
            assertTrue(s.packet.available() <= 32_768, "packet of " + s.packet.available());
        }
        // Every read after the first starts on a 4 KiB boundary, so only the reply's ends are partial sectors.
        for (int i = 1; i < reads.size(); i++) {
            assertEquals(0, reads.get(i)[0] % ReadReplyPackets.ALIGNMENT, "read " + i + " at " + reads.get(i)[0]);
        }
        assertEquals(9, sent.size());
    }

    @Test
    void smallPacketsAndTheEndOfTheFile() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        long offset = file.length - 5_000;
        ReadReplyPackets reply = ReadReplyPackets.read(arrays, this::readFile, ID, offset, 261_120, 1_500);
        assertEquals(5_000, reply.dataLength());
        List<Sent> sent = new ArrayList<>();
        reply.send(capture(sent));
        byte[] stream = stream(sent);
        assertEquals(13 + 5_000, stream.length);
        assertEquals(5_000, BufferUtils.getUInt(stream, 9, 4));
        for (Sent s : sent) {
            assertTrue(s.packet.available() > 0 && s.packet.available() <= 1_500);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(file, file.length - 5_000, file.length),
                java.util.Arrays.copyOfRange(stream, 13, stream.length));
    }

    @Test
    void atTheEndOfTheFileThereIsNoReply() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        assertNull(ReadReplyPackets.read(arrays, this::readFile, ID, file.length, 4096, 32_768));
        assertNull(ReadReplyPackets.read(arrays, this::readFile, ID, file.length + 10_000L, 4096, 32_768));
    }

    @Test
    void aZeroLengthReadIsAnEmptyDataReply() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        ReadReplyPackets reply = ReadReplyPackets.read(arrays, this::readFile, ID, 0, 0, 32_768);
        List<Sent> sent = new ArrayList<>();
        reply.send(capture(sent));
        byte[] stream = stream(sent);
        assertEquals(13, stream.length);
        assertEquals(9, BufferUtils.getUInt(stream, 0, 4));
        assertEquals(0, BufferUtils.getUInt(stream, 9, 4));
    }

    @Test
    void theVersion6EndOfFileFlagFollowsTheData() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        ReadReplyPackets reply = ReadReplyPackets.read(arrays, this::readFile, ID, file.length - 100, 32_768, 32_768);
        reply.appendEndOfFile(true);
        List<Sent> sent = new ArrayList<>();
        reply.send(capture(sent));
        byte[] stream = stream(sent);
        assertEquals(13 + 100 + 1, stream.length);
        assertEquals(1 + 4 + 4 + 100 + 1, BufferUtils.getUInt(stream, 0, 4));
        assertEquals(100, BufferUtils.getUInt(stream, 9, 4));
        assertEquals(1, stream[stream.length - 1]);
    }

    @Test
    void anArrayIsReusedOnlyOnceItsPacketIsWritten() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        List<Sent> sent = new ArrayList<>();
        ReadReplyPackets.read(arrays, this::readFile, ID, 0, 32_768 - 13, 32_768).send(capture(sent));
        assertEquals(1, sent.size());
        byte[] inFlight = sent.get(0).packet.array();
        byte[] other = arrays.borrow();
        assertTrue(other != inFlight, "an array still being written is not handed out");
        arrays.release(other);
        sent.get(0).future.setValue(Boolean.TRUE);
        arrays.borrow(); // the array released first
        assertSame(inFlight, arrays.borrow());
    }

    @Test
    void aFailedWriteLeavesItsArrayAloneAndReturnsTheUnsentOnes() throws IOException {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        ReadReplyPackets reply = ReadReplyPackets.read(arrays, this::readFile, ID, 0, 4 * 32_768, 32_768);
        List<byte[]> attempted = new ArrayList<>();
        assertThrows(IOException.class, () -> reply.send(packet -> {
            attempted.add(packet.array());
            if (attempted.size() == 2) {
                throw new IOException("channel closed");
            }
            return new IoWriteFutureImpl("test", packet); // never completes
        }));
        List<byte[]> pooled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pooled.add(arrays.borrow());
        }
        for (byte[] array : pooled) {
            assertTrue(array != attempted.get(0) && array != attempted.get(1), "a packet handed to the channel was reused");
        }
    }

    @Test
    void aFailedReadReturnsEveryArray() {
        PacketArrays arrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, 64);
        List<byte[]> used = new ArrayList<>();
        assertThrows(IOException.class, () -> ReadReplyPackets.read(arrays, (offset, length, array, at) -> {
            used.add(array);
            if (used.size() == 3) {
                throw new IOException("device error");
            }
            return length;
        }, ID, 0, 200_000, 32_768));
        for (int i = 0; i < 3; i++) {
            assertTrue(used.contains(arrays.borrow()), "array " + i + " came back to the pool");
        }
    }
}
