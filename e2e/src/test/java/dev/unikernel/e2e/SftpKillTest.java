package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process crash: the unix server is killed with SIGKILL while 8 OpenSSH sftp clients upload at
 * once. Every upload a client saw complete (sftp exited 0) must be intact after a restart; the disk,
 * decrypted independently, is repaired to clean by fsck.fat -a and mounts again.
 */
class SftpKillTest {

    private static final Path LAUNCHER = Examples.SFTP_LAUNCHER;
    private static final int CLIENTS = 8;

    @BeforeAll
    static void build() throws Exception {
        SftpExampleTest.build();
    }

    @Test
    @Timeout(600)
    void uploadsSeenCompleteSurviveKill9(@TempDir Path work) throws Exception {
        SftpExampleTest.Setup setup = SftpExampleTest.Setup.in(work);
        Path disk = work.resolve("disk.img");
        Map<String, Path> completed = new ConcurrentHashMap<>();
        AtomicInteger started = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk, "--create-size=120M"))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            sftp.batchOk("mkdir /up");
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                pool.submit(() -> {
                    for (int i = 0; !crashed.get() && i < 40; i++) {
                        Path local = work.resolve("local-" + client + "-" + i + ".bin");
                        Trees.randomFile(local, (1 << 20) + (long) (client * 7919 + i * 104729) % (3 << 20), client * 1000L + i);
                        String remote = "/up/c" + client + "-" + i + ".bin";
                        started.incrementAndGet();
                        Command.Result r = sftp.batch("put " + local + " " + remote);
                        if (r.exitCode() == 0 && !crashed.get()) {
                            completed.put(remote, local);
                        }
                    }
                    return null;
                });
            }
            // Let uploads run, then kill the server while they are in flight.
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (completed.size() < 24 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Map<String, Path> seenBeforeKill = Map.copyOf(completed);
            server.kill();
            crashed.set(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES), "upload clients did not stop after the crash");
            // An upload that ended in the instant of the kill may be in either map; count only those seen before.
            completed.keySet().retainAll(seenBeforeKill.keySet());
        }
        assertTrue(completed.size() >= 8, "only " + completed.size() + " uploads completed before the kill");

        // From outside: the crashed disk decrypts, fsck.fat -a repairs it to clean.
        Path plain = work.resolve("plain.img");
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result before = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        Command.Result repair = Command.of(work, "fsck.fat", "-a", plain.toString()).run(Duration.ofMinutes(2));
        assertTrue(repair.exitCode() == 0 || repair.exitCode() == 1, repair.output());
        Command.Result after = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        assertEquals(0, after.exitCode(), after.output());
        System.out.println("fsck.fat -n on the killed disk:\n" + before.output());

        // Restart on the crashed disk (not the repaired copy): every upload seen complete is intact.
        try (ServerProcess server = SftpServerProcess.start(LAUNCHER, work, setup.arguments(disk))) {
            SftpClient sftp = new SftpClient(work, setup.identity(), server.port);
            List<String> gets = new ArrayList<>();
            for (String remote : completed.keySet()) {
                gets.add("get " + remote + " " + work.resolve("back" + remote.replace('/', '_')));
            }
            sftp.batchOk(gets.toArray(String[]::new));
            for (Map.Entry<String, Path> e : completed.entrySet()) {
                Trees.assertSameBytes(e.getValue(), work.resolve("back" + e.getKey().replace('/', '_')));
            }
            assertEquals(0, server.stop(), server.output());
        }
        Files.delete(plain);
        LuksImages.decrypt(disk, setup.passphrase(), plain);
        Command.Result reopened = Command.of(work, "fsck.fat", "-n", plain.toString()).run(Duration.ofMinutes(2));
        System.out.printf("kill -9 during %d concurrent uploads: %d started, %d seen complete, all %d intact after restart%n",
                CLIENTS, started.get(), completed.size(), completed.size());
        System.out.println("fsck.fat -n after the restarted server's clean stop:\n" + reopened.output());
    }
}
