package dev.unikernel.examples.sftp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.extensions.openssh.HardLinkExtensionParser;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.common.extensions.openssh.AbstractOpenSSHExtensionParser.OpenSSHExtension;

/**
 * MINA's SFTP subsystem plus what OpenSSH clients expect of a server: {@code statvfs@openssh.com}
 * and {@code fstatvfs@openssh.com} (so {@code df} works in sftp and under sshfs), and hard links
 * refused cleanly (FAT has none), no longer advertised. Read replies are read straight into the SSH
 * packets that carry them ({@link ReadReplyPackets}), requests are received with one copy fewer
 * ({@link RequestAssembler}).
 */
final class VolumeSftpSubsystem extends SftpSubsystem {

    static final String STATVFS = "statvfs@openssh.com";
    static final String FSTATVFS = "fstatvfs@openssh.com";

    /** SSH_FXE_STATVFS_ST_RDONLY from OpenSSH's PROTOCOL file. */
    private static final long ST_RDONLY = 0x1;
    /** SSH_FXE_STATVFS_ST_NOSUID. */
    private static final long ST_NOSUID = 0x2;
    /** The longest name a FAT long file name holds, in UTF-16 units. */
    private static final long NAME_MAX = 255;

    /**
     * Below this packet size reads take MINA's own path: a packet array (33 KiB) per few bytes would
     * waste memory. OpenSSH, libssh and Go take 32 KiB packets, PuTTY 16 KiB.
     */
    private static final int MIN_PACKET_DATA = 8192;

    private final boolean readOnly;
    private final boolean keyReadOnly;
    private final PacketArrays packetArrays;
    private final RequestAssembler requestAssembler = new RequestAssembler(requests::add);

    /**
     * {@code readOnly}: the volume is mounted read-only; {@code keyReadOnly}: the session's key has
     * {@code command="internal-sftp -R"}, so its writing requests are refused before MINA sees them.
     */
    VolumeSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, boolean readOnly,
            boolean keyReadOnly, PacketArrays packetArrays) {
        super(channel, configurator);
        this.readOnly = readOnly;
        this.keyReadOnly = keyReadOnly;
        this.packetArrays = packetArrays;
    }

    /** As OpenSSH's sftp-server -R: a writing request of a read-only session gets SSH_FX_PERMISSION_DENIED. */
    @Override
    protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
        if (keyReadOnly && ReadOnlyRequests.writes(type, buffer, getVersion())) {
            sendStatus(prepareReply(buffer), id, SftpConstants.SSH_FX_PERMISSION_DENIED,
                    "read-only: this key's authorized_keys line has command=\"internal-sftp -R\"");
            return;
        }
        super.doProcess(buffer, length, type, id);
    }

    /** The channel's bytes, cut into requests with one copy (MINA's own makes two). */
    @Override
    public int data(ChannelSession channel, byte[] bytes, int start, int length) throws IOException {
        requestAssembler.accept(bytes, start, length);
        return 0; // the window reopens as requests are processed, as in MINA's subsystem
    }

    /** SSH_FXP_READ as MINA answers it, but read straight into the packets that carry the reply. */
    @Override
    protected void doRead(Buffer request, int id) throws IOException {
        long packetSize = getServerChannelSession().getRemoteWindow().getPacketSize();
        if (packetSize < MIN_PACKET_DATA) {
            super.doRead(request, id);
            return;
        }
        String handle = request.getString(StandardCharsets.ISO_8859_1);
        long offset = request.getLong();
        long requested = request.getUInt();
        int length = (int) Math.min(requested,
                SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.getRequired(getServerSession()));
        AtomicReference<Boolean> endOfFile = new AtomicReference<>();
        ReadReplyPackets reply;
        try {
            reply = ReadReplyPackets.read(packetArrays,
                    (position, want, array, arrayOffset) -> doRead(id, handle, position, want, array, arrayOffset, endOfFile),
                    id, offset, length, (int) Math.min(packetSize, ReadReplyPackets.MAX_PACKET_DATA));
            if (reply == null) {
                throw new EOFException("end of file at offset " + offset);
            }
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(request), id, e, SftpConstants.SSH_FXP_READ, handle, offset, requested);
            return;
        }
        if (reply.dataLength() < length && getVersion() >= SftpConstants.SFTP_V6 && endOfFile.get() != null) {
            reply.appendEndOfFile(endOfFile.get());
        }
        reply.send(out::writeBuffer);
    }

    @Override
    protected List<OpenSSHExtension> resolveOpenSSHExtensions(ServerSession session) {
        List<OpenSSHExtension> extensions = new ArrayList<>();
        for (OpenSSHExtension extension : super.resolveOpenSSHExtensions(session)) {
            if (!extension.getName().equals(HardLinkExtensionParser.NAME)) {
                extensions.add(extension);
            }
        }
        extensions.add(new OpenSSHExtension(STATVFS, "2"));
        extensions.add(new OpenSSHExtension(FSTATVFS, "2"));
        return extensions;
    }

    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
        switch (extension) {
            case STATVFS -> statvfs(buffer, id, () -> resolveFile(buffer.getString()));
            case FSTATVFS -> statvfs(buffer, id, () -> {
                String handle = buffer.getString();
                Handle h = handles.get(handle);
                if (h == null) {
                    throw new java.nio.file.NoSuchFileException("no open handle " + handle);
                }
                return h.getFile();
            });
            case HardLinkExtensionParser.NAME -> sendStatus(prepareReply(buffer), id,
                    SftpConstants.SSH_FX_OP_UNSUPPORTED, "hard links are not supported on a FAT volume");
            default -> super.executeExtendedCommand(buffer, id, extension);
        }
    }

    @Override
    protected void doLink(int id, String targetPath, String linkPath, boolean symLink) throws IOException {
        throw new UnsupportedOperationException((symLink ? "symbolic" : "hard") + " links are not supported on a FAT volume");
    }

    private interface PathSource {
        Path resolve() throws IOException;
    }

    private void statvfs(Buffer request, int id, PathSource source) throws IOException {
        FileStore store;
        try {
            Path path = source.resolve();
            store = Files.getFileStore(path);
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(request), id, e, SftpConstants.SSH_FXP_EXTENDED, STATVFS);
            return;
        }
        long blockSize = store.getBlockSize();
        Buffer reply = prepareReply(request);
        reply.putByte((byte) SftpConstants.SSH_FXP_EXTENDED_REPLY);
        reply.putInt(id);
        reply.putLong(blockSize);                                  // f_bsize
        reply.putLong(blockSize);                                  // f_frsize
        reply.putLong(store.getTotalSpace() / blockSize);          // f_blocks
        reply.putLong(store.getUnallocatedSpace() / blockSize);    // f_bfree
        reply.putLong(store.getUsableSpace() / blockSize);         // f_bavail
        reply.putLong(0);                                          // f_files: FAT has no inode table
        reply.putLong(0);                                          // f_ffree
        reply.putLong(0);                                          // f_favail
        reply.putLong(0);                                          // f_fsid
        reply.putLong(ST_NOSUID | (readOnly || keyReadOnly || store.isReadOnly() ? ST_RDONLY : 0)); // f_flag
        reply.putLong(NAME_MAX);                                   // f_namemax
        send(reply);
    }
}
