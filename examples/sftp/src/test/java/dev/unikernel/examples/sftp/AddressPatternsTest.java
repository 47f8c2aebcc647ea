package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** from="pattern-list" as sshd matches it with UseDNS no. */
class AddressPatternsTest {

    @Test
    void wildcardsMatchTheNumericAddress() throws Exception {
        AddressPatterns p = AddressPatterns.parse("127.0.0.?,192.168.*");
        assertTrue(p.allows(ip("127.0.0.1")));
        assertFalse(p.allows(ip("127.0.0.10")));
        assertTrue(p.allows(ip("192.168.200.7")));
        assertFalse(p.allows(ip("10.0.0.1")));
        assertTrue(AddressPatterns.parse("::1").allows(ip("::1")));
        assertTrue(AddressPatterns.parse("fe80::*").allows(ip("fe80::1:2")));
        assertTrue(AddressPatterns.parse("2001:DB8::1").allows(ip("2001:db8:0:0:0:0:0:1")));
        // No name lookup: a host name pattern matches no address.
        assertFalse(AddressPatterns.parse("localhost").allows(ip("127.0.0.1")));
    }

    @Test
    void cidrNetworksForBothFamilies() throws Exception {
        AddressPatterns p = AddressPatterns.parse("10.0.0.0/8,2001:db8::/32");
        assertTrue(p.allows(ip("10.255.1.2")));
        assertFalse(p.allows(ip("11.0.0.1")));
        assertTrue(p.allows(ip("2001:db8:ffff::1")));
        assertFalse(p.allows(ip("2001:db9::1")));
        assertTrue(AddressPatterns.parse("0.0.0.0/0").allows(ip("8.8.8.8")));
        assertFalse(AddressPatterns.parse("0.0.0.0/0").allows(ip("::1")), "an IPv4 network never matches IPv6");
        assertTrue(AddressPatterns.parse("127.0.0.1/32").allows(ip("::ffff:127.0.0.1")), "mapped IPv4 as IPv4");
    }

    @Test
    void aMatchingNegationRefusesWhateverElseMatches() throws Exception {
        AddressPatterns p = AddressPatterns.parse("!10.0.0.5,10.0.0.0/24");
        assertFalse(p.allows(ip("10.0.0.5")));
        assertTrue(p.allows(ip("10.0.0.6")));
        assertFalse(AddressPatterns.parse("!10.0.0.5").allows(ip("10.0.0.6")), "a negation alone allows nothing");
        assertFalse(AddressPatterns.parse("*,!127.0.0.0/8").allows(ip("127.0.0.1")));
    }

    @Test
    void malformedNetworksAreErrors() {
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0.1/8", "10.0.0/8", "host.example/24", "::1/129",
                "2001:db8::1/32", "", "10.0.0.1,,10.0.0.2", "!"}) {
            assertThrows(IllegalArgumentException.class, () -> AddressPatterns.parse(bad), bad);
        }
    }

    @Test
    void numericFormIsGetnameinfos() throws Exception {
        assertEquals("::1", AddressPatterns.numeric(ip("::1")));
        assertEquals("2001:db8::1", AddressPatterns.numeric(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", AddressPatterns.numeric(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:0:0:1::1", AddressPatterns.numeric(ip("2001:0:0:1:0:0:0:1")));
        assertEquals("::", AddressPatterns.numeric(ip("::")));
        assertEquals("fe80::", AddressPatterns.numeric(ip("fe80::")));
    }

    private static InetAddress ip(String text) throws Exception {
        InetAddress address = InetAddress.getByName(text);
        // getByName turns a mapped IPv4 text into Inet4Address; make the IPv6 form explicitly.
        if (text.startsWith("::ffff:")) {
            byte[] v4 = address.getAddress();
            byte[] v6 = new byte[16];
            v6[10] = (byte) 0xff;
            v6[11] = (byte) 0xff;
            System.arraycopy(v4, 0, v6, 12, 4);
            return java.net.Inet6Address.getByAddress(null, v6, -1);
        }
        return address;
    }
}
