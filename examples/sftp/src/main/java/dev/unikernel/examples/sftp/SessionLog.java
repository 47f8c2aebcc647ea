package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per session when it ends: user, client address, file bytes in and out. */
final class SessionLog implements SessionListener, SftpEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

    /** File bytes written by the client (in) and read by it (out), per session. */
    private record Traffic(AtomicLong in, AtomicLong out) {
    }

    private static final AttributeKey<Traffic> TRAFFIC = new AttributeKey<>();

    @Override
    public void sessionCreated(Session session) {
        session.setAttribute(TRAFFIC, new Traffic(new AtomicLong(), new AtomicLong()));
    }

    @Override
    public void sessionClosed(Session session) {
        if (!(session instanceof ServerSession server)) {
            return;
        }
        Traffic traffic = session.getAttribute(TRAFFIC);
        String user = server.getUsername() != null ? server.getUsername() : "(not logged in)";
        LOG.info("session ended: user {} from {}, {} bytes in, {} bytes out", user, server.getClientAddress(),
                traffic == null ? 0 : traffic.in().get(), traffic == null ? 0 : traffic.out().get());
    }

    @Override
    public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
            int dataOffset, int dataLen, int readLen, Throwable thrown) throws IOException {
        Traffic traffic = session.getAttribute(TRAFFIC);
        if (traffic != null && readLen > 0) {
            traffic.out().addAndGet(readLen);
        }
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
            int dataOffset, int dataLen, Throwable thrown) throws IOException {
        Traffic traffic = session.getAttribute(TRAFFIC);
        if (traffic != null && thrown == null) {
            traffic.in().addAndGet(dataLen);
        }
    }
}
