package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 16 SFTP sessions at once for a bounded time, each doing a random mix of uploads, downloads
 * (compared by SHA-256 with what it uploaded), overwrites, renames, deletes, listings and stats in its
 * own directory. Zero errors and zero mismatches; every file intact at the end; the disk checks clean
 * with fsck.fat -n; throughput and latency percentiles printed.
 */
class SftpLoadTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    private static final int CLIENTS = 16;
    /**
     * Logins at once: the server refuses a 9th unauthenticated connection from one address (as sshd
     * with PerSourceMaxStartups 8), so the clients start 4 at a time, as a script facing sshd would.
     */
    private static final Semaphore LOGINS = new Semaphore(4);
    /** Files one client keeps at most: 16 clients hold at most 16 x 12 x 512 KiB = 96 MiB, a quarter of the disk. */
    private static final int MAX_FILES = 12;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("load.seconds", 45));

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(600)
    void sixteenClientsMixedOperationsNoErrorsNoMismatches(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong bytesUp = new AtomicLong();
        AtomicLong bytesDown = new AtomicLong();
        long seconds;
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=400M"));
                MinaSftp mina = new MinaSftp()) {
            KeyPair key = MinaSftp.loadIdentity(setup.identity());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Map<String, byte[]>>> clients = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + RUN.toNanos();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> runClient(mina, server.port, key, client, end, latencies, bytesUp, bytesDown)));
            }
            List<Map<String, byte[]>> finals = new ArrayList<>();
            for (Future<Map<String, byte[]>> f : clients) {
                finals.add(f.get()); // an error or mismatch in any client fails here
            }
            seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
            pool.shutdown();
            // Every file each client believes in is there, byte for byte, read in a fresh session.
            try (ClientSession session = mina.login(server.port, key); SftpClient sftp = MinaSftp.sftp(session)) {
                for (Map<String, byte[]> files : finals) {
                    for (Map.Entry<String, byte[]> e : files.entrySet()) {
                        assertArrayEquals(e.getValue(), sha256(MinaSftp.readAll(sftp, e.getKey())), "final content of " + e.getKey());
                    }
                }
            }
            assertEquals(0, server.stop(), server.output());
        }
        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result fsck = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, fsck.exitCode(), fsck.output());
        assertEquals(2, fsck.output().strip().lines().count(), "fsck.fat -n found something:\n" + fsck.output());

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("load: %d clients, %d s, %d operations (%.0f/s), %.1f MiB up + %.1f MiB down (%.1f MiB/s), "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; 0 errors, 0 mismatches%n",
                CLIENTS, seconds, sorted.size(), sorted.size() / (double) seconds, bytesUp.get() / 1048576.0,
                bytesDown.get() / 1048576.0, (bytesUp.get() + bytesDown.get()) / 1048576.0 / seconds,
                percentile(sorted, 50), percentile(sorted, 99), sorted.getLast() / 1e6);
        assertTrue(sorted.size() > CLIENTS * 10, "only " + sorted.size() + " operations");
    }

    /** One client's loop; returns the files it holds at the end (path to SHA-256). */
    private static Map<String, byte[]> runClient(MinaSftp mina, int port, KeyPair key, int client, long end,
            ConcurrentLinkedQueue<Long> latencies, AtomicLong up, AtomicLong down) throws Exception {
        Random random = new Random(1000 + client);
        Map<String, byte[]> files = new HashMap<>();
        String dir = "/c" + client;
        int names = 0;
        ClientSession logged;
        LOGINS.acquire();
        try {
            logged = mina.login(port, key);
        } finally {
            LOGINS.release();
        }
        try (ClientSession session = logged; SftpClient sftp = MinaSftp.sftp(session)) {
            sftp.mkdir(dir);
            while (System.nanoTime() < end) {
                int op = random.nextInt(100);
                List<String> existing = new ArrayList<>(files.keySet());
                Collections.sort(existing);
                long t0 = System.nanoTime();
                if (existing.isEmpty() || (op < 30 && existing.size() < MAX_FILES)) {
                    String name = dir + "/file-" + names++ + (random.nextBoolean() ? ".bin" : " with a long name.dat");
                    byte[] data = new byte[random.nextInt(512 * 1024)];
                    random.nextBytes(data);
                    put(sftp, name, data);
                    up.addAndGet(data.length);
                    files.put(name, sha256(data));
                } else if (op < 60) {
                    String name = existing.get(random.nextInt(existing.size()));
                    byte[] data = MinaSftp.readAll(sftp, name);
                    down.addAndGet(data.length);
                    assertArrayEquals(files.get(name), sha256(data), "client " + client + " read back " + name);
                } else if (op < 70) {
                    String name = existing.get(random.nextInt(existing.size()));
                    byte[] data = new byte[random.nextInt(256 * 1024)];
                    random.nextBytes(data);
                    put(sftp, name, data); // overwrite (truncate + write)
                    up.addAndGet(data.length);
                    files.put(name, sha256(data));
                } else if (op < 80) {
                    String name = existing.get(random.nextInt(existing.size()));
                    String target = dir + "/renamed-" + names++ + ".bin";
                    sftp.rename(name, target);
                    files.put(target, files.remove(name));
                } else if (op < 88 || existing.size() >= MAX_FILES) {
                    String name = existing.get(random.nextInt(existing.size()));
                    sftp.remove(name);
                    files.remove(name);
                } else if (op < 95) {
                    int listed = 0;
                    for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                        if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                            listed++;
                        }
                    }
                    assertEquals(files.size(), listed, "client " + client + " listing of " + dir);
                } else {
                    String name = existing.get(random.nextInt(existing.size()));
                    assertTrue(sftp.stat(name).isRegularFile(), name);
                }
                latencies.add(System.nanoTime() - t0);
            }
        }
        return files;
    }

    private static void put(SftpClient sftp, String name, byte[] data) throws Exception {
        try (SftpClient.CloseableHandle h = sftp.open(name, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
            for (int offset = 0; offset < data.length; offset += 32 * 1024) {
                sftp.write(h, offset, data, offset, Math.min(32 * 1024, data.length - offset));
            }
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
