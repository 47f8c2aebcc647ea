package dev.unikernel.luks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The 4096-byte binary header in front of each of the two LUKS2 metadata copies (LUKS2 on-disk
 * format, section 2): magic, version 2, total metadata size, sequence id, label, checksum algorithm,
 * a per-copy salt, UUID, subsystem, the copy's own offset and the checksum. All integers are
 * big-endian.
 */
record BinaryHeader(boolean secondary, long headerSize, long sequenceId, String label, String checksumAlgorithm,
                    byte[] salt, String uuid, String subsystem, long headerOffset, byte[] checksum) {

    static final int SIZE = 4096;
    static final byte[] MAGIC_PRIMARY = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
    static final byte[] MAGIC_SECONDARY = {'S', 'K', 'U', 'L', (byte) 0xba, (byte) 0xbe};

    private static final int LABEL_OFFSET = 24;
    private static final int LABEL_LENGTH = 48;
    private static final int CHECKSUM_ALGORITHM_OFFSET = 72;
    private static final int CHECKSUM_ALGORITHM_LENGTH = 32;
    private static final int SALT_OFFSET = 104;
    static final int SALT_LENGTH = 64;
    private static final int UUID_OFFSET = 168;
    private static final int UUID_LENGTH = 40;
    private static final int SUBSYSTEM_OFFSET = 208;
    private static final int SUBSYSTEM_LENGTH = 48;
    private static final int HEADER_OFFSET_OFFSET = 256;
    private static final int CHECKSUM_OFFSET = 448;
    private static final int CHECKSUM_LENGTH = 64;

    /** True when {@code bytes} start with either LUKS2 magic (or the LUKS1 magic, which equals the primary). */
    static boolean hasMagic(byte[] bytes, boolean secondary) {
        return Arrays.equals(bytes, 0, 6, secondary ? MAGIC_SECONDARY : MAGIC_PRIMARY, 0, 6);
    }

    static int version(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getShort(6) & 0xffff;
    }

    /** Decodes the fields; the caller has checked the magic and version. */
    static BinaryHeader decode(byte[] bytes, boolean secondary) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new BinaryHeader(secondary, buffer.getLong(8), buffer.getLong(16),
                text(bytes, LABEL_OFFSET, LABEL_LENGTH), text(bytes, CHECKSUM_ALGORITHM_OFFSET, CHECKSUM_ALGORITHM_LENGTH),
                Arrays.copyOfRange(bytes, SALT_OFFSET, SALT_OFFSET + SALT_LENGTH),
                text(bytes, UUID_OFFSET, UUID_LENGTH), text(bytes, SUBSYSTEM_OFFSET, SUBSYSTEM_LENGTH),
                buffer.getLong(HEADER_OFFSET_OFFSET),
                Arrays.copyOfRange(bytes, CHECKSUM_OFFSET, CHECKSUM_OFFSET + CHECKSUM_LENGTH));
    }

    /** The 4096 bytes of this header with its checksum field zeroed (the form the checksum covers). */
    byte[] encodeWithoutChecksum() {
        byte[] bytes = new byte[SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.put(secondary ? MAGIC_SECONDARY : MAGIC_PRIMARY);
        buffer.putShort((short) 2);
        buffer.putLong(headerSize);
        buffer.putLong(sequenceId);
        putText(bytes, LABEL_OFFSET, LABEL_LENGTH, label);
        putText(bytes, CHECKSUM_ALGORITHM_OFFSET, CHECKSUM_ALGORITHM_LENGTH, checksumAlgorithm);
        System.arraycopy(salt, 0, bytes, SALT_OFFSET, SALT_LENGTH);
        putText(bytes, UUID_OFFSET, UUID_LENGTH, uuid);
        putText(bytes, SUBSYSTEM_OFFSET, SUBSYSTEM_LENGTH, subsystem);
        buffer.putLong(HEADER_OFFSET_OFFSET, headerOffset);
        return bytes;
    }

    /** The checksum of this header (checksum field zeroed) followed by its JSON area. */
    byte[] computeChecksum(byte[] jsonArea) throws LuksException {
        return checksum(checksumAlgorithm, encodeWithoutChecksum(), jsonArea);
    }

    /**
     * True when the checksum stored in {@code onDisk} (the 4096 bytes as read) matches those bytes
     * and {@code jsonArea}. The bytes as read are hashed, padding included, as cryptsetup does.
     */
    static boolean checksumMatches(byte[] onDisk, String algorithm, byte[] jsonArea) throws LuksException {
        byte[] zeroed = onDisk.clone();
        Arrays.fill(zeroed, CHECKSUM_OFFSET, CHECKSUM_OFFSET + CHECKSUM_LENGTH, (byte) 0);
        byte[] computed = checksum(algorithm, zeroed, jsonArea);
        byte[] stored = Arrays.copyOfRange(onDisk, CHECKSUM_OFFSET, CHECKSUM_OFFSET + CHECKSUM_LENGTH);
        return MessageDigest.isEqual(computed, Arrays.copyOf(stored, computed.length)) && isZero(stored, computed.length);
    }

    private static byte[] checksum(String algorithm, byte[] header, byte[] jsonArea) throws LuksException {
        MessageDigest digest = checksumDigest(algorithm);
        digest.update(header);
        digest.update(jsonArea);
        return digest.digest();
    }

    /** The complete 4096 bytes, checksum included, for {@code jsonArea}. */
    byte[] encode(byte[] jsonArea) throws LuksException {
        byte[] bytes = encodeWithoutChecksum();
        byte[] sum = computeChecksum(jsonArea);
        System.arraycopy(sum, 0, bytes, CHECKSUM_OFFSET, sum.length);
        return bytes;
    }

    static MessageDigest checksumDigest(String algorithm) throws LuksException {
        String jca = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new LuksException("unsupported LUKS2 header checksum algorithm \"" + algorithm + "\"");
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new LuksException("the JCA has no " + jca, e);
        }
    }

    private static boolean isZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static void putText(byte[] bytes, int offset, int length, String value) {
        byte[] encoded = value.getBytes(StandardCharsets.UTF_8);
        // The field keeps a terminating NUL, as cryptsetup's C strings do.
        if (encoded.length >= length) {
            throw new IllegalArgumentException("\"" + value + "\" is longer than " + (length - 1) + " bytes");
        }
        System.arraycopy(encoded, 0, bytes, offset, encoded.length);
    }
}
