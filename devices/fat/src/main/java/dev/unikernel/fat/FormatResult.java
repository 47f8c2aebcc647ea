package dev.unikernel.fat;

import java.util.List;

/**
 * What {@link Fat16#format} made.
 *
 * @param type         FAT16 or FAT32
 * @param clusterBytes cluster size in bytes
 * @param clusterCount number of data clusters
 * @param dataBytes    bytes available for files and subdirectories
 * @param warnings     things the caller should tell a person, e.g. that 64 KiB clusters are not
 *                     portable to every FAT implementation
 */
public record FormatResult(FatType type, int clusterBytes, int clusterCount, long dataBytes, List<String> warnings) {

    public FormatResult {
        warnings = List.copyOf(warnings);
    }
}
