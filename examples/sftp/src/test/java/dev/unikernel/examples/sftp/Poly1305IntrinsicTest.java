package dev.unikernel.examples.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** HotSpot's rule for its Poly1305 intrinsic, as {@link Poly1305Intrinsic} applies it. */
class Poly1305IntrinsicTest {

    private static final String IFMA_CPU = "fpu sse2 avx2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512vbmi";

    @Test
    void anX86WithAvx512IfmaVlAndBwHasIt() {
        assertNull(Poly1305Intrinsic.whyNot("amd64", IFMA_CPU, () -> List.of()));
        assertNull(Poly1305Intrinsic.whyNot("amd64", IFMA_CPU, () -> List.of("-XX:UseAVX=2", "-XX:UseAVX=3", "-XX:MaxVectorSize=64")));
    }

    @Test
    void aCpuWithoutAnyOfTheThreeHasNot() {
        // Cascade Lake: AVX-512, but no IFMA; Zen 3: no AVX-512 at all.
        assertEquals("this CPU has no AVX512-IFMA",
                Poly1305Intrinsic.whyNot("amd64", "fpu avx2 avx512f avx512dq avx512cd avx512bw avx512vl", () -> List.of()));
        assertEquals("this CPU has no AVX512-IFMA", Poly1305Intrinsic.whyNot("amd64", "fpu sse2 avx avx2 bmi2", () -> List.of()));
        assertEquals("this CPU has no AVX512-VL",
                Poly1305Intrinsic.whyNot("amd64", IFMA_CPU.replace(" avx512vl", ""), () -> List.of()));
    }

    @Test
    void jvmOptionsThatTurnItOffCount() {
        assertEquals("the JVM option -XX:UseAVX=2 turns AVX-512 off",
                Poly1305Intrinsic.whyNot("amd64", IFMA_CPU, () -> List.of("-Xmx1g", "-XX:UseAVX=2")));
        assertEquals("the JVM option -XX:MaxVectorSize=32 turns 512-bit vectors off",
                Poly1305Intrinsic.whyNot("amd64", IFMA_CPU, () -> List.of("-XX:MaxVectorSize=32")));
        assertEquals("the JVM option -XX:-UsePoly1305Intrinsics turns it off",
                Poly1305Intrinsic.whyNot("amd64", IFMA_CPU, () -> List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-UsePoly1305Intrinsics")));
    }

    @Test
    void otherArchitecturesAndUnknownCpusUseOurs() {
        assertEquals("not measured on aarch64", Poly1305Intrinsic.whyNot("aarch64", "fp asimd pmull", () -> List.of()));
        assertEquals("the CPU's features are unknown (no /proc/cpuinfo)", Poly1305Intrinsic.whyNot("amd64", null, () -> List.of()));
    }
}
