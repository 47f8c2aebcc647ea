package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile SFTP requests from a logged-in client: path traversal, absolute host paths, over-long and
 * invalid names, huge read and write lengths, thousands of open handles, a malformed packet. Each gets
 * a clear error; a second session keeps working throughout; nothing appears outside the volume.
 */
class SftpHostileRequestsTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(400)
    void hostileRequestsGetClearErrorsAndHarmNothing(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        String marker = "escape-" + UUID.randomUUID();
        byte[] payload = new byte[1 << 20];
        new Random(5).nextBytes(payload);
        List<String> refusals = new ArrayList<>();
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=64M"));
                MinaSftp mina = new MinaSftp()) {
            KeyPair key = MinaSftp.loadIdentity(setup.identity());
            try (ClientSession bystanderSession = mina.login(server.port, key);
                    SftpClient bystander = MinaSftp.sftp(bystanderSession);
                    ClientSession session = mina.login(server.port, key);
                    SftpClient sftp = MinaSftp.sftp(session)) {
                bystanderWorks(bystander, payload, "before");

                // Traversal: ".." above the root stays at the root of the volume.
                for (String name : List.of("../../../../" + marker + "-1", "/../../" + marker + "-2", "./../" + marker + "-3")) {
                    try (SftpClient.CloseableHandle h = sftp.open(name, OpenMode.Write, OpenMode.Create)) {
                        sftp.write(h, 0, "x".getBytes());
                    }
                }
                assertTrue(sftp.stat("/" + marker + "-1").isRegularFile(), "'..' above the root resolves inside the volume");
                expectRefusal(refusals, "read a host path", () -> MinaSftp.readAll(sftp, "/etc/passwd"));
                expectRefusal(refusals, "read a host path through '..'", () -> MinaSftp.readAll(sftp, "/../../../etc/hostname"));
                expectRefusal(refusals, "symbolic link to a host path", () -> sftp.symLink("/etc/passwd", "/passwd-link"));

                // Names FAT cannot hold, names too long, a path of thousands of characters.
                List<String> badNames = new ArrayList<>(List.of("a:b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b", "a\\b",
                        "tab\there", "nul\0byte", "x".repeat(256), "d/".repeat(2500) + "f"));
                for (String name : badNames) {
                    expectRefusal(refusals, "create '" + printable(name) + "'", () -> {
                        try (SftpClient.CloseableHandle h = sftp.open("/" + name, OpenMode.Write, OpenMode.Create)) {
                            sftp.write(h, 0, "x".getBytes());
                        }
                    });
                    expectRefusal(refusals, "mkdir '" + printable(name) + "'", () -> sftp.mkdir("/" + name));
                }

                // Huge lengths: a read asking for 2 GiB gets at most what the server allows per packet.
                try (SftpClient.CloseableHandle h = sftp.open("/big.bin", OpenMode.Write, OpenMode.Create)) {
                    sftp.write(h, 0, payload);
                }
                RawSftpClient raw = (RawSftpClient) sftp;
                try (SftpClient.CloseableHandle h = sftp.open("/big.bin", OpenMode.Read)) {
                    Buffer request = new ByteArrayBuffer();
                    request.putBytes(h.getIdentifier());
                    request.putLong(0);
                    request.putUInt(0xFFFF_FFFFL);
                    Buffer reply = raw.receive(raw.send(SftpConstants.SSH_FXP_READ, request), MinaSftp.TIMEOUT);
                    reply.getInt(); // packet length
                    int type = reply.getUByte();
                    reply.getInt(); // id
                    if (type == SftpConstants.SSH_FXP_DATA) {
                        int length = reply.getInt();
                        assertTrue(length > 0 && length <= payload.length, "read of 4 GiB answered with " + length + " bytes");
                        refusals.add("read of 4 GiB: answered with " + length + " bytes");
                    } else {
                        assertEquals(SftpConstants.SSH_FXP_STATUS, type);
                        refusals.add("read of 4 GiB: status " + reply.getInt());
                    }
                }
                // A single write request of 4 MiB, more than one SFTP packet should carry.
                byte[] four = new byte[4 << 20];
                try (SftpClient.CloseableHandle h = sftp.open("/huge-write.bin", OpenMode.Write, OpenMode.Create)) {
                    sftp.write(h, 0, four);
                    refusals.add("write of 4 MiB in one request: accepted");
                } catch (IOException e) {
                    refusals.add("write of 4 MiB in one request: " + e.getMessage());
                }

                // Thousands of handles: the server stops at its per-session cap with an error.
                List<SftpClient.CloseableHandle> handles = new ArrayList<>();
                SftpException capped = null;
                for (int i = 0; i < 3000 && capped == null; i++) {
                    try {
                        handles.add(sftp.open("/big.bin", OpenMode.Read));
                    } catch (SftpException e) {
                        capped = e;
                    }
                }
                assertTrue(capped != null, "3000 handles open in one session");
                refusals.add("handle " + (handles.size() + 1) + ": status " + capped.getStatus() + " " + capped.getMessage());
                assertEquals(1024, handles.size(), "handles open when the server refused more");
                bystanderWorks(bystander, payload, "while one session holds 1024 handles");
                for (SftpClient.CloseableHandle h : handles) {
                    h.close();
                }
                assertEquals(payload.length, sftp.stat("/big.bin").getSize(), "the session works again once its handles are closed");

                // A malformed write: declares 2 GiB of data and sends 4 bytes.
                Buffer bad = new ByteArrayBuffer();
                bad.putString("no-such-handle");
                bad.putLong(0);
                bad.putInt(Integer.MAX_VALUE);
                bad.putRawBytes(new byte[4]);
                try {
                    Buffer reply = raw.receive(raw.send(SftpConstants.SSH_FXP_WRITE, bad), Duration.ofSeconds(20));
                    reply.getInt(); // packet length
                    assertEquals(SftpConstants.SSH_FXP_STATUS, reply.getUByte());
                    reply.getInt();
                    int status = reply.getInt();
                    assertNotEquals(SftpConstants.SSH_FX_OK, status);
                    refusals.add("malformed write: status " + status);
                } catch (IOException closed) {
                    refusals.add("malformed write: channel closed (" + closed.getClass().getSimpleName() + ")");
                }
                bystanderWorks(bystander, payload, "after the malformed packet");
            }
            // A fresh session after all that.
            try (ClientSession fresh = mina.login(server.port, MinaSftp.loadIdentity(setup.identity()));
                    SftpClient sftp = MinaSftp.sftp(fresh)) {
                bystanderWorks(sftp, payload, "in a new session");
            }
            assertEquals(0, server.stop(), server.output());
        }
        refusals.forEach(r -> System.out.println("hostile: " + r));

        // Nothing outside the volume: no file named after the marker in the places a server could reach.
        for (Path place : List.of(work, work.getParent(), Path.of("/"), Path.of("/tmp"), Command.ROOT)) {
            try (Stream<Path> entries = Files.walk(place, place.equals(work) ? 8 : 1)) {
                entries.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(marker))
                        .forEach(p -> fail("a hostile request wrote outside the volume: " + p));
            }
        }
        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());
    }

    private interface Request {
        void run() throws IOException;
    }

    /** The request must fail with an SFTP status (not hang, not close the session). */
    private static void expectRefusal(List<String> log, String what, Request request) {
        try {
            request.run();
        } catch (SftpException e) {
            log.add(what + ": status " + e.getStatus() + " (" + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            fail(what + ": not an SFTP error but " + e);
        }
        fail(what + ": accepted");
    }

    private static void bystanderWorks(SftpClient sftp, byte[] payload, String when) throws IOException {
        String name = "/bystander-" + UUID.randomUUID() + ".bin";
        try (SftpClient.CloseableHandle h = sftp.open(name, OpenMode.Write, OpenMode.Create)) {
            sftp.write(h, 0, payload);
        }
        assertArrayEquals(payload, MinaSftp.readAll(sftp, name), "another session's upload " + when);
        sftp.remove(name);
    }

    private static String printable(String name) {
        String shown = name.replace("\0", "\\0").replace("\t", "\\t");
        return shown.length() > 40 ? shown.substring(0, 20) + "...(" + shown.length() + " chars)" : shown;
    }
}
