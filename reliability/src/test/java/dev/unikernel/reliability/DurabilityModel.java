package dev.unikernel.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * What must survive a crash, as a function of how many flushes had completed: the namespace at the
 * last checkpoint (a moment the workload knows everything was durable: an fsync, which on our FAT is
 * a barrier for the whole volume, or an unmount) whose flushes all completed, and the changes begun
 * after it that the crash may have caught halfway.
 */
final class DurabilityModel {

    private record Checkpoint(int flushes, Namespace namespace) {
    }

    private record Timed(int startFlushes, Change change) {
    }

    /** The namespace that must be found, and the changes that may have altered parts of it. */
    record Expectation(Namespace durable, List<Change> inFlight) {
    }

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<List<Timed>> changesAfter = new ArrayList<>();

    /** Everything in {@code namespace} is durable once {@code flushes} flushes have completed. */
    void checkpoint(int flushes, Namespace namespace) {
        checkpoints.add(new Checkpoint(flushes, namespace.snapshot()));
        changesAfter.add(new ArrayList<>());
    }

    /** A change begun when {@code flushes} flushes had been issued. */
    void change(int flushes, Change change) {
        changesAfter.getLast().add(new Timed(flushes, change));
    }

    int checkpoints() {
        return checkpoints.size();
    }

    /** What a disk must hold when exactly {@code completedFlushes} flushes completed before the crash. */
    Expectation at(int completedFlushes) {
        int last = -1;
        for (int i = 0; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).flushes() <= completedFlushes) {
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalStateException("no checkpoint before flush " + completedFlushes);
        }
        List<Change> inFlight = new ArrayList<>();
        for (Timed t : changesAfter.get(last)) {
            // A change begun after flush N was issued writes nothing before it: a crash with only N
            // flushes completed cannot show it.
            if (t.startFlushes() <= completedFlushes) {
                inFlight.add(t.change());
            }
        }
        return new Expectation(checkpoints.get(last).namespace(), inFlight);
    }
}
