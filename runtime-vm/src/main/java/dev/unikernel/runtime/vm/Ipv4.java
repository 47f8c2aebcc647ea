package dev.unikernel.runtime.vm;

/** Dotted-quad IPv4 addresses from boot keys, parsed strictly (never a host name lookup). */
final class Ipv4 {

    private Ipv4() {
    }

    /** Four bytes in network order; {@code key} names the boot key in the message. */
    static byte[] parse(String key, String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(key, text);
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                throw invalid(key, text);
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw invalid(key, text);
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** A netmask: an address whose set bits are contiguous from the top, e.g. 255.255.255.0. */
    static byte[] parseNetmask(String key, String text) {
        byte[] mask = parse(key, text);
        int bits = ((mask[0] & 0xff) << 24) | ((mask[1] & 0xff) << 16) | ((mask[2] & 0xff) << 8) | (mask[3] & 0xff);
        if ((~bits & (~bits + 1)) != 0) {
            throw new IllegalArgumentException("key unikernel." + key + ": '" + text
                    + "' is not a netmask (contiguous ones, like 255.255.255.0)");
        }
        return mask;
    }

    private static IllegalArgumentException invalid(String key, String text) {
        return new IllegalArgumentException("key unikernel." + key + ": '" + text
                + "' is not an IPv4 address like 10.0.2.15");
    }
}
