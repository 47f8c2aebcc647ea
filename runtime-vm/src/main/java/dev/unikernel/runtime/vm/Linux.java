package dev.unikernel.runtime.vm;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few glibc calls an init needs, through FFM (no JNI, no helper binaries): mount, finit_module,
 * sync, reboot, and socket ioctls. Each failure is an IOException naming the call and the errno text.
 */
final class Linux {

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int EEXIST = 17;
    static final int EBUSY = 16;
    static final int ENOENT = 2;
    static final int ENODEV = 19;
    /** reboot(2) command: halt and power off (the VMM exits). */
    static final int RB_POWER_OFF = 0x4321fedc;
    /** reboot(2) command: restart; with qemu -no-reboot and Firecracker the VMM exits. */
    static final int RB_AUTOBOOT = 0x01234567;
    private static final long SYS_FINIT_MODULE = 313; // x86-64

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private static final MethodHandle MOUNT = errnoCall("mount",
            FunctionDescriptor.of(INT, ADDRESS, ADDRESS, ADDRESS, LONG, ADDRESS));
    private static final MethodHandle OPEN = errnoCall("open",
            FunctionDescriptor.of(INT, ADDRESS, INT, INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle SYSCALL3 = errnoCall("syscall",
            FunctionDescriptor.of(LONG, LONG, LONG, ADDRESS, LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle IOCTL = errnoCall("ioctl",
            FunctionDescriptor.of(INT, INT, LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle REBOOT = errnoCall("reboot", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle SYNC = plainCall("sync", FunctionDescriptor.ofVoid());
    private static final MethodHandle GETPID = plainCall("getpid", FunctionDescriptor.of(INT));
    private static final MethodHandle STRERROR = plainCall("strerror", FunctionDescriptor.of(ADDRESS, INT));

    private Linux() {
    }

    /** mount(2); {@code data} may be null. */
    static void mount(String source, String target, String type, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            // A local, not a conditional expression: invokeExact would see the conditional as an Object.
            MemorySegment options = data == null ? MemorySegment.NULL : arena.allocateFrom(data);
            int result = (int) MOUNT.invokeExact(state, arena.allocateFrom(source), arena.allocateFrom(target),
                    arena.allocateFrom(type), flags, options);
            check(result, state, "mount " + type + " on " + target);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mount failed to call into glibc: " + t, t);
        }
    }

    /**
     * Loads a kernel module from a file with finit_module(2); returns 0, or the errno for EEXIST
     * (already loaded or built in) so the caller can decide.
     */
    static int loadModule(String file, String parameters) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(file), O_RDONLY | O_CLOEXEC, 0);
            check(fd, state, "open " + file);
            try {
                long result = (long) SYSCALL3.invokeExact(state, SYS_FINIT_MODULE, (long) fd,
                        arena.allocateFrom(parameters), 0L);
                if (result < 0) {
                    int errno = errno(state);
                    if (errno == EEXIST) {
                        return errno;
                    }
                    throw new IOException("finit_module " + file + ": " + strerror(errno) + " (errno " + errno + ")");
                }
                return 0;
            } finally {
                int ignored = (int) CLOSE.invokeExact(state, fd);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("finit_module failed to call into glibc: " + t, t);
        }
    }

    /** socket(2) returning the descriptor; closed with {@link #close(int)}. */
    static int socket(int domain, int type) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, 0);
            check(fd, state, "socket");
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket failed to call into glibc: " + t, t);
        }
    }

    /** ioctl(2) with a pointer argument; returns the errno on failure, 0 on success. */
    static int ioctl(int fd, long request, MemorySegment argument) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int result = (int) IOCTL.invokeExact(state, fd, request, argument);
            return result < 0 ? errno(state) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException("ioctl failed to call into glibc: " + t, t);
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed to call into glibc: " + t, t);
        }
    }

    /** Flushes every file system's dirty data to its device. */
    static void sync() {
        try {
            SYNC.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("sync failed to call into glibc: " + t, t);
        }
    }

    /** reboot(2); returns only when it failed, with the errno. */
    static int reboot(int command) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int result = (int) REBOOT.invokeExact(state, command);
            return result < 0 ? errno(state) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException("reboot failed to call into glibc: " + t, t);
        }
    }

    static int getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getpid failed to call into glibc: " + t, t);
        }
    }

    /** The C library's text for an errno value. */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static void check(long result, MemorySegment state, String what) throws IOException {
        if (result < 0) {
            int errno = errno(state);
            throw new IOException(what + ": " + strerror(errno) + " (errno " + errno + ")");
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO_OPTION;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol(name), descriptor, options);
    }

    private static MethodHandle plainCall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("glibc has no function " + name));
    }
}
