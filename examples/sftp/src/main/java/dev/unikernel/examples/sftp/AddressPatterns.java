package dev.unikernel.examples.sftp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An authorized_keys {@code from="pattern-list"} as OpenSSH's sshd matches it with {@code UseDNS no}
 * (its default): comma-separated patterns with {@code *} and {@code ?}, or CIDR networks
 * ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), matched against the client's address in its numeric
 * form ({@code 127.0.0.1}, {@code ::1}); a pattern starting with {@code !} that matches refuses the
 * address whatever else matches. No name is looked up, so a host name pattern matches nothing.
 */
final class AddressPatterns {

    private static final Pattern CIDR_TEXT = Pattern.compile("[0-9a-fA-F:.]+/[0-9]{1,3}");
    private static final Pattern ADDRESS_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    /** One entry: a CIDR network (network non-null) or a wildcard pattern. */
    private record Entry(boolean negated, String wildcard, byte[] network, int prefix) {
    }

    private final String text;
    private final List<Entry> entries;

    private AddressPatterns(String text, List<Entry> entries) {
        this.text = text;
        this.entries = List.copyOf(entries);
    }

    /** Parses a pattern list; a malformed CIDR entry is an error, as sshd refuses the key over it. */
    static AddressPatterns parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty pattern list matches no address");
        }
        List<Entry> entries = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            boolean negated = item.startsWith("!");
            String pattern = negated ? item.substring(1) : item;
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern in \"" + text + "\"");
            }
            if (pattern.indexOf('/') >= 0) {
                entries.add(cidr(negated, pattern));
            } else {
                entries.add(new Entry(negated, pattern.toLowerCase(Locale.ROOT), null, 0));
            }
        }
        return new AddressPatterns(text, entries);
    }

    /** Whether {@code client} may use the key: some pattern matches and no negated one does. */
    boolean allows(InetAddress client) {
        InetAddress address = unmapped(client);
        String numeric = numeric(address);
        boolean matched = false;
        for (Entry entry : entries) {
            if (matches(entry, address, numeric)) {
                if (entry.negated()) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean matches(Entry entry, InetAddress address, String numeric) {
        if (entry.network() == null) {
            return wildcard(entry.wildcard(), 0, numeric, 0);
        }
        byte[] bytes = address.getAddress();
        if (bytes.length != entry.network().length) {
            return false;
        }
        return prefixEquals(bytes, entry.network(), entry.prefix());
    }

    private static Entry cidr(boolean negated, String pattern) {
        if (!CIDR_TEXT.matcher(pattern).matches()) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a CIDR network (write 10.0.0.0/8 or 2001:db8::/32)");
        }
        int slash = pattern.indexOf('/');
        byte[] network = literal(pattern.substring(0, slash), pattern);
        int prefix = Integer.parseInt(pattern.substring(slash + 1));
        if (prefix > network.length * 8) {
            throw new IllegalArgumentException("\"" + pattern + "\": a prefix longer than the address (" + network.length * 8 + " bits)");
        }
        byte[] zero = new byte[network.length];
        byte[] masked = network.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (!java.util.Arrays.equals(masked, network)) {
            throw new IllegalArgumentException("\"" + pattern + "\" has address bits set past its /" + prefix
                    + " (write " + numeric(address(masked)) + "/" + prefix + ")");
        }
        return new Entry(negated, null, network, prefix);
    }

    /** The bytes of a numeric address; never a name lookup. */
    private static byte[] literal(String text, String pattern) {
        boolean ipv4 = text.indexOf(':') < 0;
        if (!ADDRESS_TEXT.matcher(text).matches() || (ipv4 && text.chars().filter(c -> c == '.').count() != 3)) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a CIDR network (write 10.0.0.0/8 or 2001:db8::/32)");
        }
        try {
            // A numeric literal: InetAddress parses it without a lookup.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + pattern + "\" is not a CIDR network (write 10.0.0.0/8 or 2001:db8::/32)", e);
        }
    }

    private static boolean prefixEquals(byte[] a, byte[] b, int prefix) {
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** {@code *} any run of characters, {@code ?} one character; as sshd's match_pattern, case folded. */
    private static boolean wildcard(String pattern, int p, String text, int t) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int from = t; from <= text.length(); from++) {
                    if (wildcard(pattern, p + 1, text, from)) {
                        return true;
                    }
                }
                return false;
            }
            if (t >= text.length() || (c != '?' && c != text.charAt(t))) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }

    /** An IPv4-mapped IPv6 address as its IPv4 address, as sshd normalises it. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff
                && java.util.Arrays.equals(bytes, 0, 10, new byte[10], 0, 10)) {
            return address(java.util.Arrays.copyOfRange(bytes, 12, 16));
        }
        return address;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    /** The address as getnameinfo(NI_NUMERICHOST) writes it: IPv6 lower case, longest zero run as {@code ::}. */
    static String numeric(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
