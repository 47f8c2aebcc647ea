package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.junit.jupiter.api.Test;

class RequestAssemblerTest {

    private static byte[] framed(byte[] body) {
        byte[] framed = new byte[4 + body.length];
        BufferUtils.putUInt(body.length, framed, 0, 4);
        System.arraycopy(body, 0, framed, 4, body.length);
        return framed;
    }

    private static byte[] readable(Buffer buffer) {
        return Arrays.copyOfRange(buffer.array(), buffer.rpos(), buffer.wpos());
    }

    @Test
    void requestsComeOutWholeWhereverTheStreamIsCut() throws StreamCorruptedException {
        Random random = new Random(9);
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int size : new int[] {0, 1, 5, 13, 4096, 261_133, 32_768, 3}) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            bodies.add(body);
            stream.writeBytes(framed(body));
        }
        byte[] all = stream.toByteArray();
        for (int round = 0; round < 200; round++) {
            List<Buffer> out = new ArrayList<>();
            RequestAssembler assembler = new RequestAssembler(out::add);
            int maxPiece = round < 20 ? round + 1 : 1 + random.nextInt(70_000);
            for (int at = 0; at < all.length; ) {
                int n = Math.min(all.length - at, 1 + random.nextInt(maxPiece));
                // Each call gets its own array with the piece at an offset, as MINA's packet buffers are.
                byte[] packet = new byte[n + 20];
                System.arraycopy(all, at, packet, 9, n);
                assembler.accept(packet, 9, n);
                Arrays.fill(packet, (byte) 0x55); // the caller reuses its buffer after the call
                at += n;
            }
            assertEquals(bodies.size(), out.size(), "round " + round);
            for (int i = 0; i < bodies.size(); i++) {
                assertArrayEquals(framed(bodies.get(i)), readable(out.get(i)), "round " + round + ", request " + i);
            }
        }
    }

    @Test
    void aRequestWaitsForAllItsBytesHoweverLongItSaysItIs() throws StreamCorruptedException {
        List<Buffer> out = new ArrayList<>();
        RequestAssembler assembler = new RequestAssembler(out::add);
        byte[] header = new byte[4];
        BufferUtils.putUInt(2_000_000_000L, header, 0, 4);
        assembler.accept(header, 0, 4);
        assembler.accept(new byte[1000], 0, 1000);
        assertTrue(out.isEmpty());
    }

    @Test
    void aLengthNoBufferCanHoldEndsTheStream() {
        RequestAssembler assembler = new RequestAssembler(request -> { });
        byte[] header = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
        StreamCorruptedException e = assertThrows(StreamCorruptedException.class, () -> assembler.accept(header, 0, 4));
        assertTrue(e.getMessage().contains("4294967280"), e.getMessage());
    }
}
