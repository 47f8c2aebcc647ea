package dev.unikernel.luks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the interop tests check us against: cryptsetup (Debian package cryptsetup-bin)
 * and an AES-XTS in python3-cryptography. A missing tool fails the test with the package to
 * install: interop must never pass by skipping.
 */
final class RealTools {

    /** Debian's python, which sees the python3-cryptography package (a pyenv python on PATH would not). */
    static final String PYTHON = "/usr/bin/python3";

    record Result(int exitCode, String output) {
    }

    private RealTools() {
    }

    static void requireCryptsetup() {
        try {
            Result result = run(List.of("cryptsetup", "--version"));
            if (result.exitCode() != 0) {
                fail("cryptsetup --version failed: " + result.output());
            }
        } catch (IOException e) {
            fail("cryptsetup is missing: install the Debian package cryptsetup-bin (apt-get install cryptsetup-bin)");
        }
    }

    static void requirePythonCryptography() {
        try {
            Result result = run(List.of(PYTHON, "-c", "import cryptography.hazmat.primitives.ciphers"));
            if (result.exitCode() != 0) {
                fail(PYTHON + " cannot import cryptography: install the Debian package python3-cryptography "
                        + "(apt-get install python3-cryptography)\n" + result.output());
            }
        } catch (IOException e) {
            fail(PYTHON + " is missing: install the Debian packages python3 and python3-cryptography");
        }
    }

    static Result cryptsetup(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("cryptsetup");
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs cryptsetup and fails the test unless it exits with 0. */
    static String cryptsetupOk(String... arguments) throws IOException {
        Result result = cryptsetup(arguments);
        if (result.exitCode() != 0) {
            fail("cryptsetup " + String.join(" ", arguments) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /** The independent AES-XTS: "decrypt" or "encrypt" a data segment, see xts_reference.py. */
    static void xtsReference(Path directory, String mode, Path image, Path volumeKey, long dataOffset, int sectorSize, Path plaintext)
            throws IOException {
        Path script = directory.resolve("xts_reference.py");
        if (!Files.exists(script)) {
            try (InputStream in = RealTools.class.getResourceAsStream("xts_reference.py")) {
                Files.copy(in, script);
            }
        }
        Result result = run(List.of(PYTHON, script.toString(), mode, image.toString(), volumeKey.toString(),
                Long.toString(dataOffset), Integer.toString(sectorSize), plaintext.toString()));
        if (result.exitCode() != 0) {
            fail("xts_reference.py " + mode + " failed:\n" + result.output());
        }
    }

    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
