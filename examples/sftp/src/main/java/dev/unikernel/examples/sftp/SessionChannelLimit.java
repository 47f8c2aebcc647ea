package dev.unikernel.examples.sftp;

import java.io.IOException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSH's {@code MaxSessions}: at most {@link #MAX_SESSIONS} session channels open on one connection;
 * a further one is refused at open (SSH_MSG_CHANNEL_OPEN_FAILURE), before a subsystem or its thread
 * exists. MINA's {@code MAX_CONCURRENT_CHANNELS} counts one too many and answers by closing the whole
 * connection, so the count is made here, and MINA's stays as a backstop.
 */
final class SessionChannelLimit implements ChannelFactory {

    /** sshd's default, 10. */
    static final int MAX_SESSIONS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SessionChannelLimit.class);

    private final ChannelFactory sessions = ChannelSessionFactory.INSTANCE;
    private final int limit;

    SessionChannelLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public String getName() {
        return sessions.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        ConnectionService service = session.getService(ConnectionService.class);
        if (service instanceof AbstractConnectionService connection && connection.getChannels().size() >= limit) {
            // null: MINA refuses the channel ("unknown channel type" is the only refusal it sends here).
            LOG.warn("refused a channel from {}@{}: {} sessions are open on its connection (at most {}, "
                    + "as sshd's MaxSessions)", session.getUsername(), session.getIoSession().getRemoteAddress(),
                    connection.getChannels().size(), limit);
            return null;
        }
        return sessions.createChannel(session);
    }
}
