package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #MAX_PER_USER} SFTP sessions of one user at once, across all their connections: each
 * runs on a thread of its own (MINA's subsystem), so this bounds those threads whatever the clients do.
 * A further subsystem request is refused (SSH_MSG_CHANNEL_FAILURE) before its thread starts.
 */
final class SftpSessionsPerUser implements SubsystemFactory {

    /** sshd has no per-user figure (its MaxSessions is per connection, {@link SessionChannelLimit}). */
    static final int MAX_PER_USER = 32;

    private static final Logger LOG = LoggerFactory.getLogger(SftpSessionsPerUser.class);

    private final SubsystemFactory sftp;
    private final int limit;
    private final Map<String, Integer> open = new HashMap<>();

    SftpSessionsPerUser(SubsystemFactory sftp, int limit) {
        this.sftp = sftp;
        this.limit = limit;
    }

    @Override
    public String getName() {
        return sftp.getName();
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        String user = String.valueOf(channel.getSession().getUsername());
        synchronized (open) {
            int count = open.getOrDefault(user, 0);
            if (count >= limit) {
                LOG.warn("refused an SFTP session for {}: {} are open (at most {} per user)", user, count, limit);
                return null;
            }
            open.put(user, count + 1);
        }
        Command command;
        try {
            command = sftp.createSubsystem(channel);
        } catch (IOException | RuntimeException | Error e) {
            release(user);
            throw e;
        }
        if (command == null) {
            release(user);
            return null;
        }
        channel.addCloseFutureListener(closed -> release(user));
        return command;
    }

    private void release(String user) {
        synchronized (open) {
            open.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
        }
    }

    int open(String user) {
        synchronized (open) {
            return open.getOrDefault(user, 0);
        }
    }
}
