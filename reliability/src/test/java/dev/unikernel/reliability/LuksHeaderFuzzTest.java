package dev.unikernel.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.unikernel.api.MemoryBlockDevice;
import dev.unikernel.luks.Luks;
import java.io.IOException;

/**
 * Mutated LUKS2 primary headers (binary header and JSON metadata, checksum recomputed so the parser
 * sees them) against the header reader: a LuksException (an IOException) or a parsed header, never
 * another exception, an error or a hang. Opening runs the KDF the header names, whose cost a hostile
 * header sets as it likes (as with cryptsetup), so only parsing is fuzzed here.
 */
class LuksHeaderFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void parseHeader(byte[] input) throws IOException {
        MemoryBlockDevice device = FuzzVolumes.luksHeader(input);
        Luks.isLuks(device);
        try {
            Luks.dump(device);
        } catch (IOException expected) {
            // refused with a reason: the answer the library promises
        }
    }
}
