package dev.unikernel.luks;

import dev.unikernel.api.BlankDevice;
import dev.unikernel.api.BlockDevice;
import dev.unikernel.api.Entropy;
import dev.unikernel.api.Key;
import dev.unikernel.api.Provider;
import dev.unikernel.api.Secret;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The {@code luks} provider: the decrypted view of a LUKS2 block device, formatted first when the
 * device is blank. Closing it wipes the volume key (see {@link LuksDevice#close()}).
 */
public final class LuksDevices {

    private static final System.Logger LOG = System.getLogger(LuksDevices.class.getName());

    /**
     * The disk must unlock on every target, also in a small VM: argon2id tuned for 2 s but with at
     * most 32 MiB of memory (a keyslot calibrated on a large host would otherwise ask for more heap
     * than a 256 MiB VM has). 32 MiB stays above OWASP's 19 MiB minimum for argon2id.
     */
    static final LuksKdf PORTABLE_KDF = LuksKdf.argon2id(Duration.ofSeconds(2), 32 * 1024);

    private LuksDevices() {
    }

    /**
     * Opens {@code disk} with the passphrase; a blank, writable disk that is new (created by this
     * start, or given format-blank) is formatted first. No message holds the passphrase, and it is
     * wiped once the volume is open (or the attempt failed): the open device needs only its volume
     * key, so the passphrase does not stay on the heap for the whole run.
     */
    @Provider(value = "luks", doc = "LUKS2 (aes-xts-plain64) over a block device; a new blank device is formatted")
    public static BlockDevice luks(BlockDevice disk,
            @Key(name = "passphrase", doc = "LUKS passphrase of the disk") Secret passphrase,
            Entropy entropy) throws IOException {
        try {
            return openOrFormat(disk, passphrase, entropy);
        } finally {
            passphrase.close();
        }
    }

    private static BlockDevice openOrFormat(BlockDevice disk, Secret passphrase, Entropy entropy) throws IOException {
        if (Luks.isLuks(disk)) {
            return Luks.open(disk, passphrase);
        }
        if (!BlankDevice.isBlank(disk)) {
            throw new IOException("block device " + disk + " is not a LUKS2 volume and not blank, so it is not formatted");
        }
        if (disk.isReadOnly()) {
            throw new IOException("block device " + disk + " is blank but read-only, so it is not formatted as LUKS2");
        }
        BlankDevice.requireNew(disk, "LUKS2");
        long start = System.nanoTime();
        LuksDevice decrypted = Luks.format(disk, passphrase,
                LuksFormatOptions.defaults().withKdf(PORTABLE_KDF).withRandom(entropy.secureRandom()));
        // Format leaves the data area as it was, which decrypts to noise: zeros over its start make
        // the decrypted device blank, so the layer above (fat) formats it as well.
        BlankDevice.blank(decrypted);
        decrypted.flush();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.log(Level.INFO, () -> "formatted " + disk + " as LUKS2 in " + millis + " ms");
        return decrypted;
    }
}
