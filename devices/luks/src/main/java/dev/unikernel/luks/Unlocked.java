package dev.unikernel.luks;

import dev.unikernel.api.BlockDevice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The volume key recovered from a keyslot, and which keyslot gave it. Keyslots are tried in
 * cryptsetup's order: priority "prefer" first, then "normal"; "ignore" only when asked for by
 * number. A candidate key counts only when it matches the digest that binds the keyslot to the
 * data segment.
 */
record Unlocked(int keyslot, byte[] volumeKey) {

    static final int ANY_KEYSLOT = -1;

    static Unlocked unlock(BlockDevice raw, LuksHeader header, byte[] passphrase, int requestedKeyslot, String what)
            throws IOException {
        return unlock(raw, header, passphrase, requestedKeyslot, what, KdfLimits.current());
    }

    /** As above, under the given limits (a test's, small enough that going past them stays cheap). */
    static Unlocked unlock(BlockDevice raw, LuksHeader header, byte[] passphrase, int requestedKeyslot, String what,
            KdfLimits limits) throws IOException {
        List<Keyslot> candidates = new ArrayList<>();
        if (requestedKeyslot == ANY_KEYSLOT) {
            for (Keyslot keyslot : header.keyslots().values()) {
                if (keyslot.priority() != Keyslot.PRIORITY_IGNORE) {
                    candidates.add(keyslot);
                }
            }
            candidates.sort(Comparator.comparingInt(Keyslot::priority).reversed());
        } else {
            Keyslot keyslot = header.keyslots().get(requestedKeyslot);
            if (keyslot == null) {
                throw new LuksException("keyslot " + requestedKeyslot + " is not in use");
            }
            candidates.add(keyslot);
        }
        if (candidates.isEmpty()) {
            throw new LuksException("the LUKS2 device has no usable keyslot: no passphrase can open it");
        }
        LuksException tooCostly = null;
        for (Keyslot keyslot : candidates) {
            VolumeKeyDigest digest = header.digestFor(keyslot.id());
            try {
                limits.check(keyslot.kdf(), "keyslot " + keyslot.id());
                limits.checkIterations(digest.iterations(), "the volume key digest of keyslot " + keyslot.id());
            } catch (LuksException e) {
                // A cheaper keyslot may still accept the passphrase; this one is the answer only if none does.
                tooCostly = tooCostly == null ? e : tooCostly;
                continue;
            }
            byte[] candidate = keyslot.unlock(raw, passphrase);
            boolean matches = false;
            try {
                matches = digest.matches(candidate);
            } finally {
                if (!matches) {
                    Arrays.fill(candidate, (byte) 0);
                }
            }
            if (matches) {
                return new Unlocked(keyslot.id(), candidate);
            }
        }
        if (tooCostly != null) {
            throw tooCostly;
        }
        throw new WrongPassphraseException("no keyslot accepts " + what + " ("
                + (requestedKeyslot == ANY_KEYSLOT ? candidates.size() + " keyslot(s) tried" : "keyslot " + requestedKeyslot)
                + "): wrong passphrase");
    }

    @Override
    public String toString() {
        return "Unlocked[keyslot " + keyslot + "]";
    }
}
