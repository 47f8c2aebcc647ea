package dev.unikernel.engine.oci;

import java.util.Locale;
import java.util.Set;

/**
 * Which registries may be spoken to over plain HTTP: the local machine's always (a registry on
 * 127.0.0.1 for tests and development rarely has a certificate), any other only when the user says so.
 */
public final class RegistryAccess {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /**
     * Bound to true around a build that must not use the network (Maven's {@code -o}): no registry is
     * spoken to, a base image comes from jib-core's cache only. A scoped value, because the build's
     * mode reaches the image builder through the target's packager, which takes no such option.
     */
    public static final ScopedValue<Boolean> OFFLINE = ScopedValue.newInstance();

    private RegistryAccess() {
    }

    /** The registry host of a reference, without its port: {@code 127.0.0.1:5000/hello:1} gives {@code 127.0.0.1}. */
    static String host(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return "registry-1.docker.io"; // a bare name is Docker Hub's
        }
        String registry = reference.substring(0, slash);
        if (!registry.contains(".") && !registry.contains(":") && !registry.equals("localhost")) {
            return "registry-1.docker.io"; // "library/x" or "user/x": Docker Hub too
        }
        if (registry.startsWith("[")) {
            return registry.substring(0, registry.indexOf(']') + 1);
        }
        int colon = registry.lastIndexOf(':');
        return (colon < 0 ? registry : registry.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** True inside a build bound {@link #OFFLINE}. */
    public static boolean offline() {
        return OFFLINE.orElse(false);
    }

    /** True when the reference's registry is on this machine. */
    public static boolean isLocal(String reference) {
        return LOCAL_HOSTS.contains(host(reference));
    }

    /**
     * True when plain HTTP may be used for this build: jib-core allows it for all registries of a
     * build or none, so only when every registry involved is local, or the user allowed it.
     */
    public static boolean allowHttp(boolean userAllowed, String... references) {
        if (userAllowed) {
            return true;
        }
        boolean any = false;
        for (String reference : references) {
            if (reference != null) {
                any = true;
                if (!isLocal(reference)) {
                    return false;
                }
            }
        }
        return any;
    }
}
