package dev.unikernel.examples.sftp;

import java.util.Set;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * Which SFTP requests a read-only session ({@code command="internal-sftp -R"}) may make, as OpenSSH's
 * {@code sftp-server -R} decides: reads, listings and stats pass; an open for writing, creating or
 * truncating, and every write, remove, rename, mkdir, rmdir, setstat, link, lock and writing
 * extension is refused. A list of what may pass, so a request added to MINA later is refused too.
 */
final class ReadOnlyRequests {

    private static final Set<Integer> READING = Set.of(SftpConstants.SSH_FXP_INIT, SftpConstants.SSH_FXP_CLOSE,
            SftpConstants.SSH_FXP_READ, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT,
            SftpConstants.SSH_FXP_OPENDIR, SftpConstants.SSH_FXP_READDIR, SftpConstants.SSH_FXP_REALPATH,
            SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_READLINK);

    /** Extensions that only read (fsync, posix-rename, lsetstat, hardlink, copy-* are writes, as in sftp-server). */
    private static final Set<String> READING_EXTENSIONS = Set.of(VolumeSftpSubsystem.STATVFS, VolumeSftpSubsystem.FSTATVFS,
            "limits@openssh.com", "expand-path@openssh.com", "home-directory", "users-groups-by-id@openssh.com",
            "check-file-handle", "check-file-name", "md5-hash", "md5-hash-handle", "space-available", "vendor-id",
            "version-select");

    /** SFTP v3/v4 open flags that write. */
    private static final int V3_WRITING_FLAGS = SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_APPEND
            | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_TRUNC | SftpConstants.SSH_FXF_EXCL;
    /** SFTP v5+ access bits a reader may ask for: read data, attributes, named attributes, ACL; execute; synchronize. */
    private static final int READING_ACCESS = SftpConstants.ACE4_READ_DATA | SftpConstants.ACE4_READ_NAMED_ATTRS
            | SftpConstants.ACE4_EXECUTE | SftpConstants.ACE4_READ_ATTRIBUTES | SftpConstants.ACE4_READ_ACL
            | SftpConstants.ACE4_SYNCHRONIZE;
    private static final int V5_WRITING_FLAGS = SftpConstants.SSH_FXF_APPEND_DATA | SftpConstants.SSH_FXF_APPEND_DATA_ATOMIC
            | SftpConstants.SSH_FXF_DELETE_ON_CLOSE;

    private ReadOnlyRequests() {
    }

    /**
     * Whether the request of {@code type} whose body (after its id) is at {@code request}'s read
     * position would change the volume; the buffer's position is left where it was.
     */
    static boolean writes(int type, Buffer request, int version) {
        if (READING.contains(type)) {
            return false;
        }
        int position = request.rpos();
        try {
            if (type == SftpConstants.SSH_FXP_OPEN) {
                request.getString(); // file name
                if (version < SftpConstants.SFTP_V5) {
                    return (request.getInt() & V3_WRITING_FLAGS) != 0;
                }
                int access = request.getInt();
                int flags = request.getInt();
                return (access & ~READING_ACCESS) != 0
                        || (flags & SftpConstants.SSH_FXF_ACCESS_DISPOSITION) != SftpConstants.SSH_FXF_OPEN_EXISTING
                        || (flags & V5_WRITING_FLAGS) != 0;
            }
            if (type == SftpConstants.SSH_FXP_EXTENDED) {
                return !READING_EXTENSIONS.contains(request.getString());
            }
            return true;
        } catch (RuntimeException malformed) {
            return true; // a request too short to read: refused, never passed on unchecked
        } finally {
            request.rpos(position);
        }
    }
}
