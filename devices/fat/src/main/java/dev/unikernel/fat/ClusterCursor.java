package dev.unikernel.fat;

import java.io.IOException;

/**
 * A channel's remembered place in its file's cluster chain, so sequential I/O follows one FAT link per
 * cluster instead of walking the chain from its start on every call.
 */
final class ClusterCursor {

    private int version = -1;
    private int index;
    private int cluster;

    /** The cluster holding the {@code target}th cluster-sized piece of {@code node}. */
    int clusterAt(Volume volume, Node node, int target) throws IOException {
        if (version != node.chainVersion || cluster == 0 || target < index) {
            if (node.firstCluster == 0) {
                throw new IOException(volume.boot.type().corrupt() + node.path() + " has a size of " + node.size
                        + " bytes but no clusters");
            }
            volume.checkDataCluster(node.firstCluster);
            version = node.chainVersion;
            index = 0;
            cluster = node.firstCluster;
        }
        while (index < target) {
            int next = volume.fat.next(cluster);
            if (next < 0) {
                throw new IOException(volume.boot.type().corrupt() + "the cluster chain of " + node.path() + " ends after "
                        + (index + 1) + " clusters, too short for its size of " + node.size + " bytes");
            }
            cluster = next;
            index++;
        }
        return cluster;
    }

    /** Moves the cursor to a position a caller reached by following links itself. */
    void moveTo(Node node, int newIndex, int newCluster) {
        version = node.chainVersion;
        index = newIndex;
        cluster = newCluster;
    }
}
