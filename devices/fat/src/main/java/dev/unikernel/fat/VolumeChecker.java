package dev.unikernel.fat;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** The read-only consistency check behind {@link Fat16#check}: walks every chain once, never writes. */
final class VolumeChecker {

    private final Volume volume;
    private final FatTable fat;
    private final String[] owner;
    private long lost;
    private final List<String> crossLinks = new ArrayList<>();
    private final List<String> badChains = new ArrayList<>();
    private final List<String> sizeMismatches = new ArrayList<>();
    private final List<String> other = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private VolumeChecker(Volume volume) {
        this.volume = volume;
        this.fat = volume.fat;
        this.owner = new String[fat.clusterCount() + 2];
    }

    static CheckReport check(BlockDevice device) throws IOException {
        Volume volume = Volume.mount(device, true);
        return new VolumeChecker(volume).run();
    }

    private CheckReport run() throws IOException {
        compareFatCopies();
        int flags = fat.get(1);
        boolean clean = (flags & fat.cleanBit) != 0;
        if (!clean) {
            notes.add("the dirty bit is set: the volume was not cleanly unmounted (or is mounted now)");
        }
        if ((flags & fat.noErrorBit) == 0) {
            notes.add("the volume recorded an I/O error");
        }
        Deque<Node> directories = new ArrayDeque<>();
        if (!volume.hasFixedRoot() && !claim(volume.root)) {
            return report(); // FAT32's root chain is broken: nothing below it can be trusted
        }
        directories.push(volume.root);
        while (!directories.isEmpty()) {
            Node dir = directories.pop();
            Directory contents;
            try {
                contents = dir.directory(volume);
            } catch (IOException e) {
                other.add(dir.path() + ": " + e.getMessage());
                continue;
            }
            for (Node child : contents.children()) {
                if (claim(child) && child.isDirectory()) {
                    directories.push(child);
                }
            }
        }
        for (int c = 2; c < fat.clusterCount() + 2; c++) {
            int v = fat.get(c);
            if (v != 0 && v != fat.badCluster && owner[c] == null) {
                lost++;
            }
        }
        if (volume.boot.isFat32()) {
            Fat32Checks.run(volume, clean, other, notes);
        }
        return report();
    }

    private CheckReport report() {
        return new CheckReport(lost, crossLinks, badChains, sizeMismatches, other, notes);
    }

    /** Marks the node's clusters as its own; returns whether its chain is sound. */
    private boolean claim(Node node) {
        String path = node.path();
        if (node.firstCluster == 0) {
            if (node.isDirectory()) {
                badChains.add(path + ": directory without clusters");
                return false;
            }
            if (node.size != 0) {
                sizeMismatches.add(path + ": size " + node.size + " but no clusters");
            }
            return true;
        }
        if (!fat.isDataCluster(node.firstCluster)) {
            badChains.add(path + ": starts at cluster " + node.firstCluster + ", outside the data clusters");
            return false;
        }
        long length = 0;
        int c = node.firstCluster;
        while (true) {
            if (owner[c] != null) {
                if (owner[c].equals(path)) {
                    badChains.add(path + ": chain loops at cluster " + c);
                } else {
                    crossLinks.add("cluster " + c + " belongs to both " + owner[c] + " and " + path);
                }
                return false;
            }
            owner[c] = path;
            length++;
            int v = fat.get(c);
            if (fat.isEndOfChain(v)) {
                break;
            }
            if (v == 0 || v == fat.badCluster || !fat.isDataCluster(v)) {
                badChains.add(path + ": cluster " + c + " links to " + (v == 0 ? "a free cluster" : v == fat.badCluster
                        ? "a bad cluster" : "cluster " + v + ", outside the data clusters"));
                return false;
            }
            c = v;
        }
        if (!node.isDirectory()) {
            long expected = (node.size + volume.clusterBytes - 1) / volume.clusterBytes;
            if (expected != length) {
                sizeMismatches.add(path + ": size " + node.size + " needs " + expected + " clusters but the chain has " + length);
            }
        }
        return true;
    }

    /** Compares the FAT copies piece by piece (a FAT32 FAT can be large); FAT32 with mirroring off has one that counts. */
    private void compareFatCopies() throws IOException {
        BootSector boot = volume.boot;
        if (!boot.mirrored()) {
            return;
        }
        int bps = boot.bytesPerSector();
        int chunkSectors = Math.max(1, (1 << 20) / bps);
        ByteBuffer first = ByteBuffer.allocate(chunkSectors * bps);
        ByteBuffer copy = ByteBuffer.allocate(chunkSectors * bps);
        for (int c = 1; c < boot.fatCount(); c++) {
            for (long s = 0; s < boot.sectorsPerFat(); s += chunkSectors) {
                int n = (int) Math.min(chunkSectors, boot.sectorsPerFat() - s);
                volume.read((boot.fatSector(0) + s) * bps, first.clear().limit(n * bps));
                volume.read((boot.fatSector(c) + s) * bps, copy.clear().limit(n * bps));
                if (!Arrays.equals(first.array(), 0, n * bps, copy.array(), 0, n * bps)) {
                    other.add("FAT copy " + (c + 1) + " differs from the first");
                    break;
                }
            }
        }
    }
}
