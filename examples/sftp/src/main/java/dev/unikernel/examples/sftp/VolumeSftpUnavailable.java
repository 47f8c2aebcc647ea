package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What an SFTP subsystem request gets when the volume is not there to serve: the reason on the
 * channel's standard error (OpenSSH's sftp prints it) and exit status 1, instead of a session that hangs.
 */
final class VolumeSftpUnavailable implements Command {

    private final String reason;
    private OutputStream error;
    private ExitCallback exit;

    VolumeSftpUnavailable(String reason) {
        this.reason = reason;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        try {
            error.write(("sftp: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
            error.flush();
        } finally {
            exit.onExit(1, reason);
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
    }

    @Override
    public void setInputStream(InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.error = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
