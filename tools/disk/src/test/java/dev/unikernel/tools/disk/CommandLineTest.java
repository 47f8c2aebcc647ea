package dev.unikernel.tools.disk;

import static dev.unikernel.tools.disk.DiskToolRun.disk;
import static dev.unikernel.tools.disk.DiskToolRun.ok;
import static dev.unikernel.tools.disk.DiskToolRun.withInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: help, version, exit codes, {@code -} for stdin/stdout, no silent overwrite, progress. */
class CommandLineTest {

    @TempDir
    Path tmp;

    private Path image() {
        Path image = tmp.resolve("cl.img");
        ok("mkfs", image.toString(), "--size", "32M", "--label", "CLTEST");
        return image;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        DiskToolRun top = ok("--help");
        for (String command : new String[] {"mkfs", "info", "ls", "cat", "put", "get", "mkdir", "rm", "mv", "check",
                "luks-format", "luks-dump", "luks-add-key", "luks-remove-key", "luks-change-key", "luks-test"}) {
            assertTrue(top.out().contains(command), command + " in:\n" + top.out());
            DiskToolRun help = ok(command, "--help");
            assertTrue(help.out().startsWith("Usage: disk " + command), help.out());
            assertEquals("", help.err());
        }
        assertTrue(top.out().contains("Exit status") && top.out().contains("wrong passphrase"), top.out());
        String put = ok("put", "--help").out();
        assertTrue(put.contains("--force") && put.contains("Overwrite files that exist in the image")
                && put.contains("--key-file") && put.contains("--progress"), put);
        String addKey = ok("luks-add-key", "--help").out();
        assertTrue(addKey.contains("--new-keyfile") && addKey.contains("NEW_KEY_FILE") && addKey.contains("-S, --key-slot=N") && !addKey.contains("--passphrase-file"), addKey);
    }

    @Test
    void versionIsTheProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String version = pom.substring(pom.indexOf("<version>", pom.indexOf("<parent>")) + 9, pom.indexOf("</version>"));
        assertEquals("disk (unikernel) " + version + "\n", ok("--version").out());
    }

    @Test
    void usageErrorsExitOneAndSayHowToGetHelp() {
        DiskToolRun bogus = disk("ls", "x.img", "--bogus");
        assertEquals(1, bogus.status());
        assertTrue(bogus.err().contains("Unknown option: '--bogus'") && bogus.err().contains("Try 'disk ls --help'"), bogus.err());
        assertEquals("", bogus.out());
        DiskToolRun missing = disk("put", "x.img");
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("Missing required parameters"), missing.err());
        assertEquals(1, disk().status());
        assertEquals(1, disk("frobnicate").status());
        DiskToolRun keyWithoutLuks = disk("ls", "x.img", "--key-file", "k");
        assertEquals(1, keyWithoutLuks.status());
        assertTrue(keyWithoutLuks.err().contains("need --luks"), keyWithoutLuks.err());
    }

    @Test
    void dashIsStandardInputAndOutput() {
        Path image = image();
        byte[] data = random(200_000);
        DiskToolRun put = withInput(data, "put", image.toString(), "-", "/from-stdin.bin");
        assertEquals(0, put.status(), put.err());
        DiskToolRun get = ok("get", image.toString(), "/from-stdin.bin", "-");
        assertArrayEquals(data, get.stdout());
        DiskToolRun cat = ok("cat", image.toString(), "/from-stdin.bin");
        assertArrayEquals(data, cat.stdout());
        assertEquals("", cat.err());
        DiskToolRun dir = disk("cat", image.toString(), "/");
        assertEquals(7, dir.status());
        assertTrue(dir.err().contains("is a directory"), dir.err());
    }

    @Test
    void nothingIsOverwrittenWithoutForce() throws Exception {
        Path image = image();
        Path first = Files.writeString(tmp.resolve("first.txt"), "first");
        Path second = Files.writeString(tmp.resolve("second.txt"), "second");
        ok("put", image.toString(), first.toString(), "/a.txt");
        DiskToolRun put = disk("put", image.toString(), second.toString(), "/a.txt");
        assertEquals(5, put.status());
        assertTrue(put.err().contains("already exists: /a.txt") && put.err().contains("--force"), put.err());
        assertArrayEquals("first".getBytes(), ok("cat", image.toString(), "/a.txt").stdout());
        ok("put", image.toString(), second.toString(), "/a.txt", "--force");
        assertArrayEquals("second".getBytes(), ok("cat", image.toString(), "/a.txt").stdout());

        DiskToolRun get = disk("get", image.toString(), "/a.txt", first.toString());
        assertEquals(5, get.status());
        assertTrue(get.err().contains(first.toString()) && get.err().contains("--force"), get.err());
        assertEquals("first", Files.readString(first));
        ok("get", image.toString(), "/a.txt", first.toString(), "-f");
        assertEquals("second", Files.readString(first));

        ok("put", image.toString(), first.toString(), "/b.txt");
        DiskToolRun mv = disk("mv", image.toString(), "/a.txt", "/b.txt");
        assertEquals(5, mv.status());
        assertTrue(mv.err().contains("/b.txt") && mv.err().contains("--force"), mv.err());
        ok("mv", image.toString(), "/a.txt", "/b.txt", "--force");
        assertFalse(ok("ls", image.toString()).out().contains("a.txt"));
    }

    @Test
    void progressGoesToStderrOnlyWhenAsked() {
        Path image = image();
        byte[] data = random(3_000_000);
        assertEquals("", withInput(data, "put", image.toString(), "-", "/big.bin").err(), "no progress unless asked");
        DiskToolRun quiet = ok("get", image.toString(), "/big.bin", "-");
        assertEquals("", quiet.err());
        DiskToolRun shown = ok("get", image.toString(), "/big.bin", "-", "--progress");
        assertArrayEquals(data, shown.stdout(), "progress never mixes into the data");
        assertTrue(shown.err().contains("/big.bin: 2.9 MiB / 2.9 MiB 100%"), shown.err());
        DiskToolRun put = withInput(data, "put", image.toString(), "-", "/again.bin", "--progress");
        assertTrue(put.err().contains("-: 2.9 MiB"), put.err());
    }

    @Test
    void mkfsChoosesFat32AboveTwoGibibytesOrWhenToldAndFsckReadsIt() throws Exception {
        Path big = tmp.resolve("big.img");
        DiskToolRun made = ok("mkfs", big.toString(), "--size", "3G");
        assertTrue(made.out().contains(": FAT32, ") && made.err().isEmpty(), made.out() + made.err());
        assertTrue(ok("info", big.toString()).out().contains("file system: FAT32"));
        Path forced = tmp.resolve("forced.img");
        assertTrue(ok("mkfs", forced.toString(), "--size", "64M", "--fat=32", "--label", "F32").out().contains(": FAT32, "));
        byte[] data = random(300_000);
        ok("mkdir", forced.toString(), "/dir and long name");
        ok("put", forced.toString(), Files.write(tmp.resolve("d.bin"), data).toString(), "/dir and long name/d.bin");
        assertArrayEquals(data, ok("get", forced.toString(), "/dir and long name/d.bin", "-").stdout());
        ok("check", forced.toString());
        Process fsck = new ProcessBuilder("/usr/sbin/fsck.fat", "-n", forced.toString()).redirectErrorStream(true).start();
        String fsckOut = new String(fsck.getInputStream().readAllBytes());
        assertEquals(0, fsck.waitFor(), fsckOut);
        Path small = tmp.resolve("small.img");
        assertTrue(ok("mkfs", small.toString(), "--size", "64M", "--fat", "16").out().contains(": FAT16, "));
        DiskToolRun twelve = disk("mkfs", tmp.resolve("twelve.img").toString(), "--size", "64M", "--fat=12");
        assertEquals(1, twelve.status());
        assertTrue(twelve.err().contains("--fat: 12 is not a FAT type this tool makes: use 16 or 32"), twelve.err());
    }

    @Test
    void infoSummarisesThePlainVolume() throws Exception {
        Path image = image();
        ok("put", image.toString(), Files.write(tmp.resolve("f.bin"), random(1_000_000)).toString(), "/f.bin");
        String info = ok("info", image.toString()).out();
        assertTrue(info.contains("file system: FAT16") && info.contains("label:       CLTEST"), info);
        assertTrue(info.contains("size:") && info.contains("free:") && !info.contains("LUKS"), info);
        long free = Long.parseLong(info.replaceAll("(?s).*free:[^(]*\\((\\d+) bytes\\).*", "$1"));
        long size = Long.parseLong(info.replaceAll("(?s).*size:[^(]*\\((\\d+) bytes\\).*", "$1"));
        assertTrue(size > 30_000_000 && free < size - 1_000_000, info);
        DiskToolRun absent = disk("info", tmp.resolve("absent.img").toString());
        assertEquals(4, absent.status());
    }
}
