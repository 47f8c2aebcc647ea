package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The "posix" view SFTP servers ask for. Owner and group are synthesized and setting them is accepted
 * and ignored (FAT has nowhere to keep them); setting permissions maps the owner-write bit of a file
 * to FAT's read-only attribute and ignores the rest.
 */
final class FatPosixView extends FatBasicView implements PosixFileAttributeView {

    FatPosixView(FatFileSystem fs, FatPath path) {
        super(fs, path);
    }

    @Override
    public String name() {
        return "posix";
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
        fs.setPermissions(path, perms);
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
        fs.readAttributes(path); // must exist; the group itself is not stored
    }

    @Override
    public UserPrincipal getOwner() {
        return FatPrincipal.OWNER;
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
        fs.readAttributes(path); // must exist; the owner itself is not stored
    }
}
