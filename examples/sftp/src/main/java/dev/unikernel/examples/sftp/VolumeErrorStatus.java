package dev.unikernel.examples.sftp;

import dev.unikernel.fat.FileSizeLimitException;
import dev.unikernel.fat.VolumeFullException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * The SFTP statuses of the volume's own errors, which MINA does not map by itself:
 * <ul>
 * <li>a full volume: SSH_FX_NO_SPACE_ON_FILESYSTEM in version 5 and later; version 3 (OpenSSH's) has
 *     no such code, so there it is SSH_FX_FAILURE with the message saying why, as OpenSSH's own
 *     sftp-server answers ENOSPC;
 * <li>a write past the FAT file size limit (an offset near 2^63 among them): SSH_FX_INVALID_PARAMETER
 *     with the limit in the message, as MINA answers other bad arguments, never "corrupt volume".
 * </ul>
 */
final class VolumeErrorStatus implements SftpErrorStatusDataHandler {

    static final String NO_SPACE_MESSAGE = "no space left on the volume";

    @Override
    public int resolveSubStatus(SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
        if (cause(e, VolumeFullException.class) != null) {
            return sftp.getVersion() >= SftpConstants.SFTP_V5 ? SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM
                    : SftpConstants.SSH_FX_FAILURE;
        }
        if (cause(e, FileSizeLimitException.class) != null) {
            return SftpConstants.SSH_FX_INVALID_PARAMETER;
        }
        return SftpErrorStatusDataHandler.super.resolveSubStatus(sftp, id, e, cmd, args);
    }

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd,
            Object... args) {
        if (cause(e, VolumeFullException.class) != null) {
            return NO_SPACE_MESSAGE;
        }
        Throwable tooLarge = cause(e, FileSizeLimitException.class);
        if (tooLarge != null) {
            return tooLarge.getMessage();
        }
        return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
