package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.attribute.DosFileAttributeView;

/** The "dos" view: FAT's own read-only, hidden, system and archive bits. */
final class FatDosView extends FatBasicView implements DosFileAttributeView {

    FatDosView(FatFileSystem fs, FatPath path) {
        super(fs, path);
    }

    @Override
    public String name() {
        return "dos";
    }

    @Override
    public void setReadOnly(boolean value) throws IOException {
        fs.setDosBit(path, DirectoryEntry.ATTR_READ_ONLY, value);
    }

    @Override
    public void setHidden(boolean value) throws IOException {
        fs.setDosBit(path, DirectoryEntry.ATTR_HIDDEN, value);
    }

    @Override
    public void setSystem(boolean value) throws IOException {
        fs.setDosBit(path, DirectoryEntry.ATTR_SYSTEM, value);
    }

    @Override
    public void setArchive(boolean value) throws IOException {
        fs.setDosBit(path, DirectoryEntry.ATTR_ARCHIVE, value);
    }
}
