package dev.unikernel.examples.sftp;

import dev.unikernel.fat.FileTooLargeException;
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
 * <li>a write past FAT's file size limit (4 GiB - 1 byte), with the limit in the message, never
 *     "corrupt volume": one that starts beyond it (an offset near 2^63 among them) is
 *     SSH_FX_INVALID_PARAMETER, as MINA answers other bad arguments; one that runs past it is
 *     SSH_FX_QUOTA_EXCEEDED from version 5 (SFTP has no "file too large"), SSH_FX_FAILURE before.
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
        FileTooLargeException tooLarge = cause(e, FileTooLargeException.class);
        if (tooLarge != null) {
            if (tooLarge.startsPastLimit()) {
                return SftpConstants.SSH_FX_INVALID_PARAMETER;
            }
            return sftp.getVersion() >= SftpConstants.SFTP_V5 ? SftpConstants.SSH_FX_QUOTA_EXCEEDED
                    : SftpConstants.SSH_FX_FAILURE;
        }
        return SftpErrorStatusDataHandler.super.resolveSubStatus(sftp, id, e, cmd, args);
    }

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd,
            Object... args) {
        if (cause(e, VolumeFullException.class) != null) {
            return NO_SPACE_MESSAGE;
        }
        FileTooLargeException tooLarge = cause(e, FileTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge.getReason();
        }
        return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
