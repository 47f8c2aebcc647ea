package dev.unikernel.examples.sftp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether HotSpot runs the Java runtime's Poly1305 as its vector intrinsic here. Only then is it faster
 * than ours (about 8 times on 32 KiB packets); its plain Java, the fallback, is half as fast as ours.
 * The JVM flag that tells ({@code UsePoly1305Intrinsics}) is diagnostic and invisible to the
 * management API, and timing both is at the mercy of when the JIT compiles what, so this applies
 * HotSpot's own rule (JDK 25, x86-64): AVX512-IFMA, -VL and -BW in the CPU, and no JVM option that
 * turns them or the intrinsic off. Elsewhere (another CPU, an emulated one, /proc not mounted, or
 * AArch64, whose intrinsic we have not measured) ours is used.
 */
final class Poly1305Intrinsic {

    private static final List<String> CPU_FLAGS = List.of("avx512ifma", "avx512vl", "avx512bw");
    private static final Pattern USE_AVX = Pattern.compile("-XX:UseAVX=(\\d+)");
    private static final Pattern MAX_VECTOR_SIZE = Pattern.compile("-XX:MaxVectorSize=(\\d+)");

    private Poly1305Intrinsic() {
    }

    /** Null when the intrinsic runs here, else why not, in words for the log. */
    static String whyNot() {
        String cpuFlags;
        try {
            cpuFlags = flagsLine(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            cpuFlags = null;
        }
        return whyNot(System.getProperty("os.arch"), cpuFlags, Poly1305Intrinsic::jvmOptions);
    }

    /**
     * HotSpot's rule, on the CPU's flags (a /proc/cpuinfo "flags" line, null if unknown) and the JVM's
     * options (asked for only when the CPU qualifies: the management API takes tens of milliseconds
     * to start).
     */
    static String whyNot(String arch, String cpuFlags, Supplier<List<String>> jvmOptionsSource) {
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            return "not measured on " + arch;
        }
        if (cpuFlags == null) {
            return "the CPU's features are unknown (no /proc/cpuinfo)";
        }
        Set<String> flags = Set.of(cpuFlags.trim().split("\\s+"));
        for (String flag : CPU_FLAGS) {
            if (!flags.contains(flag)) {
                return "this CPU has no " + flag.toUpperCase(java.util.Locale.ROOT).replace("AVX512", "AVX512-");
            }
        }
        // The last occurrence of an option wins, as in HotSpot.
        List<String> jvmOptions = jvmOptionsSource.get();
        for (String option : jvmOptions.reversed()) {
            if (option.equals("-XX:-UsePoly1305Intrinsics")) {
                return "the JVM option " + option + " turns it off";
            }
            if (option.equals("-XX:+UsePoly1305Intrinsics")) {
                break;
            }
        }
        String avx = lastBelow(jvmOptions, USE_AVX, 3);
        if (avx != null) {
            return "the JVM option " + avx + " turns AVX-512 off";
        }
        String vectorSize = lastBelow(jvmOptions, MAX_VECTOR_SIZE, 64);
        if (vectorSize != null) {
            return "the JVM option " + vectorSize + " turns 512-bit vectors off";
        }
        return null;
    }

    /** The option setting {@code numeric} that wins (the last), when its value is below {@code minimum}. */
    private static String lastBelow(List<String> jvmOptions, Pattern numeric, int minimum) {
        for (String option : jvmOptions.reversed()) {
            Matcher value = numeric.matcher(option);
            if (value.matches()) {
                return Integer.parseInt(value.group(1)) < minimum ? option : null;
            }
        }
        return null;
    }

    private static List<String> jvmOptions() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError e) {
            return List.of(); // a runtime linked without java.management: the options as built
        }
    }

    private static String flagsLine(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("flags")) {
                int colon = line.indexOf(':');
                return colon < 0 ? "" : line.substring(colon + 1);
            }
        }
        return null;
    }
}
