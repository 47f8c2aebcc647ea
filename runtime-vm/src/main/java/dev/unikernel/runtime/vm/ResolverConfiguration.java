package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's name resolution, written by PID 1 where glibc's resolver reads it: {@code /etc/resolv.conf}
 * with the {@code dns} key's name servers (qemu's user network answers at 10.0.2.3), and
 * {@code /etc/nsswitch.conf} so that {@code /etc/hosts} (baked into the initramfs) is asked first.
 */
final class ResolverConfiguration {

    private ResolverConfiguration() {
    }

    /** The {@code resolv.conf} text for a comma-separated list of IPv4 name servers; empty for none. */
    static String resolvConf(String servers) {
        List<String> lines = new ArrayList<>();
        for (String server : servers.split(",")) {
            if (!server.isBlank()) {
                byte[] address = Ipv4.parse("dns", server);
                lines.add("nameserver " + (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff)
                        + "." + (address[3] & 0xff));
            }
        }
        if (lines.size() > 3) {
            throw new IllegalArgumentException("key unikernel.dns: " + lines.size()
                    + " name servers, but glibc reads at most 3: give up to three");
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Writes both files under {@code etc} (/etc in the guest); no name server leaves only /etc/hosts. */
    static void write(Path etc, String servers) throws IOException {
        String resolvConf = resolvConf(servers);
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files" + (resolvConf.isEmpty() ? "" : " dns") + "\n",
                StandardCharsets.US_ASCII);
        Path resolv = etc.resolve("resolv.conf");
        if (resolvConf.isEmpty()) {
            Files.deleteIfExists(resolv);
        } else {
            Files.writeString(resolv, resolvConf, StandardCharsets.US_ASCII);
        }
    }
}
