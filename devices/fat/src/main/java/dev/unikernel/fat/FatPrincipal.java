package dev.unikernel.fat;

import java.nio.file.attribute.GroupPrincipal;

/**
 * The synthesized owner and group of every file: FAT records neither, so a fixed name stands in for
 * both (POSIX views and SFTP clients expect one).
 */
record FatPrincipal(String getName) implements GroupPrincipal {

    static final FatPrincipal OWNER = new FatPrincipal("fat");
    static final FatPrincipal GROUP = new FatPrincipal("fat");

    @Override
    public String toString() {
        return getName;
    }
}
