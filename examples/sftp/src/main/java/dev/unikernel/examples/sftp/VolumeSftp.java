package dev.unikernel.examples.sftp;

import dev.unikernel.api.Deferred;
import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SFTP subsystem over the volume: each session gets its own view of the one mounted FAT16 file
 * system (MINA closes a session's file system when the session ends; closing a view leaves the
 * volume mounted). The file system is the volume, so no path reaches outside it.
 *
 * <p>The server accepts logins while the volume still unlocks; an SFTP request waits for it, at most
 * {@link #VOLUME_WAIT}, and gets the reason when there is no volume to serve.
 */
final class VolumeSftp {

    /**
     * Far longer than an unlock takes on a host (about 2 s) or in a VM under emulation; the wait holds
     * one of MINA's I/O threads, so it must end. It only matters in the first seconds after start.
     */
    static final Duration VOLUME_WAIT = Duration.ofSeconds(60);

    /** Packets of a few downloads at full speed: about 2 MiB at most held between replies. */
    static final int POOLED_PACKET_ARRAYS = 64;

    private VolumeSftp() {
    }

    static void install(SshServer server, Deferred<FileSystem> volume, SessionLog log) {
        server.setFileSystemFactory(new FileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) throws IOException {
                return volume.await(VOLUME_WAIT).getPath("/");
            }

            @Override
            public FileSystem createFileSystem(SessionContext session) throws IOException {
                return Fat16.sessionView(volume.await(VOLUME_WAIT));
            }
        });
        PacketArrays packetArrays = new PacketArrays(ReadReplyPackets.ARRAY_LENGTH, POOLED_PACKET_ARRAYS);
        SftpSubsystemFactory factory = new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) throws IOException {
                boolean readOnly;
                try {
                    readOnly = volume.await(VOLUME_WAIT).isReadOnly();
                } catch (IOException unavailable) {
                    return new VolumeSftpUnavailable(unavailable.getMessage());
                }
                VolumeSftpSubsystem subsystem = new VolumeSftpSubsystem(channel, this, readOnly,
                        KeyRestrictions.readOnly(channel.getServerSession()), packetArrays);
                getRegisteredListeners().forEach(subsystem::addSftpEventListener);
                return subsystem;
            }
        };
        factory.setErrorStatusDataHandler(new VolumeErrorStatus());
        factory.addSftpEventListener(log);
        server.addSessionListener(log);
        server.setSubsystemFactories(List.of(factory));
    }
}
