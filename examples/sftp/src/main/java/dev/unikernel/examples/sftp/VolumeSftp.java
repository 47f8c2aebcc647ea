package dev.unikernel.examples.sftp;

import dev.unikernel.fat.Fat16;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
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
 */
final class VolumeSftp {

    private VolumeSftp() {
    }

    static void install(SshServer server, EncryptedVolume volume, boolean readOnly, SessionLog log) {
        FileSystem shared = volume.fileSystem();
        server.setFileSystemFactory(new FileSystemFactory() {
            @Override
            public Path getUserHomeDir(SessionContext session) {
                return shared.getPath("/");
            }

            @Override
            public FileSystem createFileSystem(SessionContext session) {
                return Fat16.sessionView(shared);
            }
        });
        SftpSubsystemFactory factory = new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) throws IOException {
                VolumeSftpSubsystem subsystem = new VolumeSftpSubsystem(channel, this, readOnly);
                getRegisteredListeners().forEach(subsystem::addSftpEventListener);
                return subsystem;
            }
        };
        factory.setErrorStatusDataHandler(new NoSpaceStatus());
        factory.addSftpEventListener(log);
        server.addSessionListener(log);
        server.setSubsystemFactories(List.of(factory));
    }
}
