package dev.unikernel.fat;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/** The "basic" view: times and size. Setting a time FAT does not store (or cannot resolve) rounds it. */
class FatBasicView implements BasicFileAttributeView {

    final FatFileSystem fs;
    final FatPath path;

    FatBasicView(FatFileSystem fs, FatPath path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public String name() {
        return "basic";
    }

    @Override
    public FatFileAttributes readAttributes() throws IOException {
        return fs.readAttributes(path);
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
        fs.setTimes(path, lastModifiedTime, lastAccessTime, createTime);
    }
}
