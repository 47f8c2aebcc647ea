package dev.unikernel.examples.sftp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java runtime's own Poly1305 ({@code com.sun.crypto.provider.Poly1305}, behind its
 * ChaCha20-Poly1305 cipher), which HotSpot runs as an AVX-512 intrinsic where the CPU has IFMA: about
 * 8 times as fast as {@link PortablePoly1305} on 32 KiB packets. It has no public API (OpenSSH's
 * construction is not the RFC 8439 AEAD, so that cipher cannot stand in), so it is reached through
 * method handles, which needs the JVM option {@value #JVM_OPTION}. {@link Poly1305#create()} uses it
 * when {@link #PREFERRED}: opened to us, intrinsic here ({@link Poly1305Intrinsic}), and giving RFC
 * 8439's tags when first loaded ({@link Poly1305KnownAnswers}); otherwise ours, with one log line.
 *
 * <p>The option opens the package to the class path, not to one module: the launchers run every
 * target's program on the class path, where a module of our own cannot be named. What that opens to
 * is the jars linked into the program at build time, in one process that has no security manager.
 * The option is the switch: without it our Poly1305 is used, about a third as fast per packet here.
 */
final class RuntimePoly1305 implements Poly1305 {

    static final String JVM_OPTION = "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED";

    private static final Logger LOG = LoggerFactory.getLogger(RuntimePoly1305.class);
    private static final String CLASS_NAME = "com.sun.crypto.provider.Poly1305";
    private static final MethodHandle NEW;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle DO_FINAL;

    /** Whether this runtime lets us use its Poly1305 (for the tests: whether or not it is fast here). */
    static final boolean USABLE;

    /** Null when it gave RFC 8439's tags at start-up ({@link Poly1305KnownAnswers}), else what it got wrong. */
    static final String KNOWN_ANSWER_FAILURE;

    /** Whether to use it: usable, right, and faster than ours here; decided once, and logged in one line. */
    static final boolean PREFERRED;

    static {
        MethodHandle create = null;
        MethodHandle init = null;
        MethodHandle update = null;
        MethodHandle doFinal = null;
        String unusable = null;
        try {
            Class<?> type = Class.forName(CLASS_NAME, false, ClassLoader.getPlatformClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            // Poly1305(false): no refusal of an all-zero r or s, which OpenSSH and our own accept.
            create = lookup.findConstructor(type, MethodType.methodType(void.class, boolean.class))
                    .asType(MethodType.methodType(Object.class, boolean.class));
            init = lookup.findVirtual(type, "engineInit",
                            MethodType.methodType(void.class, Key.class, AlgorithmParameterSpec.class))
                    .asType(MethodType.methodType(void.class, Object.class, Key.class, AlgorithmParameterSpec.class));
            update = lookup.findVirtual(type, "engineUpdate", MethodType.methodType(void.class, byte[].class, int.class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
            doFinal = lookup.findVirtual(type, "engineDoFinal", MethodType.methodType(byte[].class))
                    .asType(MethodType.methodType(byte[].class, Object.class));
        } catch (IllegalAccessException e) {
            unusable = "not opened to us (JVM option " + JVM_OPTION + ")";
        } catch (ReflectiveOperationException | RuntimeException e) {
            unusable = "not found in this Java runtime (" + e + ")";
        }
        NEW = create;
        INIT = init;
        UPDATE = update;
        DO_FINAL = doFinal;
        USABLE = unusable == null;
        String slow = Poly1305Intrinsic.whyNot();
        KNOWN_ANSWER_FAILURE = USABLE && slow == null ? Poly1305KnownAnswers.failure(RuntimePoly1305::new) : null;
        PREFERRED = preferred(USABLE, slow, KNOWN_ANSWER_FAILURE);
        if (PREFERRED) {
            LOG.debug("chacha20-poly1305: the Java runtime's Poly1305, an AVX-512 intrinsic here");
        } else if (KNOWN_ANSWER_FAILURE != null) {
            LOG.warn("chacha20-poly1305: our own Poly1305; the Java runtime's failed its start-up check: {}",
                    KNOWN_ANSWER_FAILURE);
        } else if (slow == null) {
            LOG.info("chacha20-poly1305: our own Poly1305, slower than the Java runtime's on this CPU,"
                    + " which is {}", unusable);
        } else {
            LOG.debug("chacha20-poly1305: our own Poly1305, faster than the Java runtime's without its"
                    + " intrinsic: {}", slow);
        }
    }

    /** The rule: the runtime's only when opened to us, fast here, and giving RFC 8439's tags. */
    static boolean preferred(boolean usable, String slow, String knownAnswerFailure) {
        return usable && slow == null && knownAnswerFailure == null;
    }

    private final Object poly1305;

    RuntimePoly1305() {
        if (!USABLE) {
            throw new IllegalStateException("the Java runtime's Poly1305 is not usable");
        }
        try {
            poly1305 = NEW.invokeExact(false);
        } catch (Throwable e) {
            throw new IllegalStateException("the Java runtime's Poly1305", e);
        }
    }

    @Override
    public void init(byte[] key, int offset) {
        try {
            INIT.invokeExact(poly1305, (Key) new SecretKeySpec(key, offset, KEY_SIZE, "Poly1305"),
                    (AlgorithmParameterSpec) null);
        } catch (Throwable e) {
            throw new IllegalStateException("the Java runtime's Poly1305 refused a key", e);
        }
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        try {
            UPDATE.invokeExact(poly1305, data, offset, length);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    @Override
    public void doFinal(byte[] out, int offset) {
        byte[] tag;
        try {
            tag = (byte[]) DO_FINAL.invokeExact(poly1305);
        } catch (Throwable e) {
            throw rethrown(e);
        }
        System.arraycopy(tag, 0, out, offset, TAG_SIZE);
    }

    /** Bounds errors pass as they are, as from our own. */
    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("the Java runtime's Poly1305", e);
    }
}
