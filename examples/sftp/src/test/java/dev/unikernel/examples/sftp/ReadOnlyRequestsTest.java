package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a read-only session may ask, as sftp-server -R decides. */
class ReadOnlyRequestsTest {

    /** As the server does before MINA's first key: otherwise later tests in this JVM find MINA's providers chosen. */
    @BeforeAll
    static void jdkCrypto() {
        JdkCryptoForMina.install();
    }

    @Test
    void readsPassWritesDoNot() {
        for (int type : new int[] {SftpConstants.SSH_FXP_READ, SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT,
                SftpConstants.SSH_FXP_FSTAT, SftpConstants.SSH_FXP_OPENDIR, SftpConstants.SSH_FXP_READDIR,
                SftpConstants.SSH_FXP_REALPATH, SftpConstants.SSH_FXP_READLINK, SftpConstants.SSH_FXP_CLOSE}) {
            assertFalse(ReadOnlyRequests.writes(type, new ByteArrayBuffer(), 3), "type " + type);
        }
        for (int type : new int[] {SftpConstants.SSH_FXP_WRITE, SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_FSETSTAT,
                SftpConstants.SSH_FXP_REMOVE, SftpConstants.SSH_FXP_MKDIR, SftpConstants.SSH_FXP_RMDIR,
                SftpConstants.SSH_FXP_RENAME, SftpConstants.SSH_FXP_SYMLINK, SftpConstants.SSH_FXP_LINK,
                SftpConstants.SSH_FXP_BLOCK, SftpConstants.SSH_FXP_UNBLOCK, 99}) {
            assertTrue(ReadOnlyRequests.writes(type, new ByteArrayBuffer(), 3), "type " + type);
        }
    }

    @Test
    void opensWriteByTheirFlags() {
        assertFalse(writesOpenV3(SftpConstants.SSH_FXF_READ));
        for (int flag : new int[] {SftpConstants.SSH_FXF_WRITE, SftpConstants.SSH_FXF_APPEND, SftpConstants.SSH_FXF_CREAT,
                SftpConstants.SSH_FXF_TRUNC, SftpConstants.SSH_FXF_EXCL}) {
            assertTrue(writesOpenV3(SftpConstants.SSH_FXF_READ | flag), "flag " + flag);
        }
        assertFalse(writesOpenV6(SftpConstants.ACE4_READ_DATA | SftpConstants.ACE4_READ_ATTRIBUTES, SftpConstants.SSH_FXF_OPEN_EXISTING));
        assertTrue(writesOpenV6(SftpConstants.ACE4_READ_DATA, SftpConstants.SSH_FXF_OPEN_OR_CREATE));
        assertTrue(writesOpenV6(SftpConstants.ACE4_WRITE_DATA, SftpConstants.SSH_FXF_OPEN_EXISTING));
        assertTrue(writesOpenV6(SftpConstants.ACE4_READ_DATA, SftpConstants.SSH_FXF_OPEN_EXISTING | SftpConstants.SSH_FXF_DELETE_ON_CLOSE));
        Buffer truncated = new ByteArrayBuffer();
        truncated.putString("/file");
        assertTrue(ReadOnlyRequests.writes(SftpConstants.SSH_FXP_OPEN, truncated, 3), "a request cut short is refused");
    }

    @Test
    void extensionsByName() {
        assertFalse(extension("statvfs@openssh.com"));
        assertFalse(extension("limits@openssh.com"));
        assertTrue(extension("posix-rename@openssh.com"));
        assertTrue(extension("fsync@openssh.com"));
        assertTrue(extension("copy-data"));
        assertTrue(extension("lsetstat@openssh.com"));
    }

    @Test
    void theRequestIsLeftWhereItWas() {
        Buffer open = new ByteArrayBuffer();
        open.putString("/file");
        open.putInt(SftpConstants.SSH_FXF_READ);
        int position = open.rpos();
        ReadOnlyRequests.writes(SftpConstants.SSH_FXP_OPEN, open, 3);
        assertEquals(position, open.rpos());
    }

    private static boolean writesOpenV3(int flags) {
        Buffer open = new ByteArrayBuffer();
        open.putString("/file");
        open.putInt(flags);
        return ReadOnlyRequests.writes(SftpConstants.SSH_FXP_OPEN, open, 3);
    }

    private static boolean writesOpenV6(int access, int flags) {
        Buffer open = new ByteArrayBuffer();
        open.putString("/file");
        open.putInt(access);
        open.putInt(flags);
        return ReadOnlyRequests.writes(SftpConstants.SSH_FXP_OPEN, open, 6);
    }

    private static boolean extension(String name) {
        Buffer request = new ByteArrayBuffer();
        request.putString(name);
        return ReadOnlyRequests.writes(SftpConstants.SSH_FXP_EXTENDED, request, 3);
    }
}
