package dev.unikernel.examples.sftp;

import dev.unikernel.fat.FileTooLargeException;
import dev.unikernel.fat.VolumeFullException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * Answers a full volume with SFTP's "no space" status, which MINA does not map by itself: version 5
 * and later have SSH_FX_NO_SPACE_ON_FILESYSTEM; version 3 (OpenSSH's) has no such code, so there it
 * is SSH_FX_FAILURE with the message saying why, as OpenSSH's own sftp-server answers ENOSPC. A write
 * past FAT's 4 GiB - 1 byte file size is SSH_FX_QUOTA_EXCEEDED from version 5 (SFTP has no "file too
 * large"), SSH_FX_FAILURE before, with a message naming the limit.
 */
final class NoSpaceStatus implements SftpErrorStatusDataHandler {

    static final String MESSAGE = "no space left on the volume";

    @Override
    public int resolveSubStatus(SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
        if (isVolumeFull(e)) {
            return sftp.getVersion() >= SftpConstants.SFTP_V5 ? SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM
                    : SftpConstants.SSH_FX_FAILURE;
        }
        if (tooLarge(e) != null) {
            return sftp.getVersion() >= SftpConstants.SFTP_V5 ? SftpConstants.SSH_FX_QUOTA_EXCEEDED
                    : SftpConstants.SSH_FX_FAILURE;
        }
        return SftpErrorStatusDataHandler.super.resolveSubStatus(sftp, id, e, cmd, args);
    }

    @Override
    public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd,
            Object... args) {
        if (isVolumeFull(e)) {
            return MESSAGE;
        }
        if (tooLarge(e) != null) {
            return tooLarge(e).getReason();
        }
        return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
    }

    private static FileTooLargeException tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static boolean isVolumeFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof VolumeFullException) {
                return true;
            }
        }
        return false;
    }
}
