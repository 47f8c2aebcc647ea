package dev.unikernel.fat;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Fat16#check} found. Clean means nothing an fsck would repair; {@link #notes} (such as a
 * set dirty bit) are reported but do not make a volume unclean.
 *
 * @param lostClusters   clusters marked in use that no file or directory reaches
 * @param crossLinks     clusters reached from two places, one line each
 * @param badChains      chains that link to free, bad or out-of-range clusters, or loop
 * @param sizeMismatches files whose chain length does not match their size
 * @param otherProblems  anything else wrong, e.g. FAT copies that differ
 * @param notes          informational findings
 */
public record CheckReport(
        long lostClusters,
        List<String> crossLinks,
        List<String> badChains,
        List<String> sizeMismatches,
        List<String> otherProblems,
        List<String> notes) {

    public CheckReport {
        crossLinks = List.copyOf(crossLinks);
        badChains = List.copyOf(badChains);
        sizeMismatches = List.copyOf(sizeMismatches);
        otherProblems = List.copyOf(otherProblems);
        notes = List.copyOf(notes);
    }

    public boolean isClean() {
        return lostClusters == 0 && crossLinks.isEmpty() && badChains.isEmpty() && sizeMismatches.isEmpty()
                && otherProblems.isEmpty();
    }

    /** One line per finding, problems first, for printing. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (lostClusters > 0) {
            out.add("lost clusters: " + lostClusters + " in use but reached by no file");
        }
        crossLinks.forEach(s -> out.add("cross-link: " + s));
        badChains.forEach(s -> out.add("bad chain: " + s));
        sizeMismatches.forEach(s -> out.add("size mismatch: " + s));
        otherProblems.forEach(s -> out.add("problem: " + s));
        notes.forEach(s -> out.add("note: " + s));
        return out;
    }
}
