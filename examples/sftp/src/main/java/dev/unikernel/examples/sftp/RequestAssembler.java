package dev.unikernel.examples.sftp;

import java.io.StreamCorruptedException;
import java.util.function.Consumer;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Cuts the channel's byte stream into SFTP requests (a 4-byte length, then that many bytes), each in
 * its own buffer, as MINA's subsystem does, but with one copy: MINA gathers the stream in a shared
 * buffer and copies every complete request out again, so an upload's bytes are copied twice before
 * they reach the file. Here a request's bytes go straight into a buffer sized from its length.
 */
final class RequestAssembler {

    /** A hostile length allocates no more than this up front; the buffer grows only as bytes arrive. */
    private static final int MAX_INITIAL_CAPACITY = 1 << 20;
    /** Room MINA leaves after a request, whose buffer is reused for small replies. */
    private static final int SPARE = Long.SIZE;

    private final Consumer<Buffer> requests;
    private final byte[] lengthBytes = new byte[4];
    private int lengthBytesHeld;
    private Buffer request;
    private long missing;

    RequestAssembler(Consumer<Buffer> requests) {
        this.requests = requests;
    }

    /** Takes the next bytes of the stream; hands on every request they complete, in order. */
    void accept(byte[] bytes, int start, int length) throws StreamCorruptedException {
        int end = start + length;
        while (start < end) {
            if (request == null) {
                int n = Math.min(4 - lengthBytesHeld, end - start);
                System.arraycopy(bytes, start, lengthBytes, lengthBytesHeld, n);
                lengthBytesHeld += n;
                start += n;
                if (lengthBytesHeld < 4) {
                    return;
                }
                lengthBytesHeld = 0;
                missing = BufferUtils.getUInt(lengthBytes, 0, 4);
                if (missing > Integer.MAX_VALUE - 4 - SPARE) {
                    throw new StreamCorruptedException("SFTP request of " + missing + " bytes");
                }
                request = new ByteArrayBuffer((int) Math.min(missing + 4 + SPARE, MAX_INITIAL_CAPACITY), false);
                request.putUInt(missing);
            }
            int n = (int) Math.min(missing, end - start);
            request.putRawBytes(bytes, start, n);
            start += n;
            missing -= n;
            if (missing == 0) {
                Buffer complete = request;
                request = null;
                requests.accept(complete);
            }
        }
    }
}
