package dev.unikernel.engine.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The script {@code unikernel:run} uses to run an image in the foreground: podman or docker when one
 * works, else runc (as root), with the image unpacked by skopeo and umoci. The runc bundle's
 * {@code config.json} is written from the image configuration known at build time (the environment
 * as umoci merged it, base image included), so the script needs no JSON tool. The container shares the host's network, like {@code -p} publishing the
 * exposed ports, and {@code OCI_DATA} (default {@code data/} beside the script) is mounted at
 * {@code /data}; {@code OCI_SECRETS}, when set, at {@code /run/secrets}. {@code UNIKERNEL_*}
 * variables of the caller are passed in.
 *
 * @param name       the program's name: the container's host name
 * @param image      {@code <name>.tar} beside the script, or a registry reference
 * @param fromRegistry true when {@code image} is a registry reference
 * @param allowHttp  the registry may be plain HTTP
 * @param entrypoint the image's entrypoint
 * @param environment the image's environment
 * @param uid        the image user's uid
 * @param gid        the image user's gid
 * @param workingDirectory the image's working directory
 * @param ports      the exposed ports
 */
public record RunScript(String name, String image, boolean fromRegistry, boolean allowHttp, List<String> entrypoint,
        Map<String, String> environment, int uid, int gid, String workingDirectory, List<Integer> ports) {

    /** The script with {@link String#formatted} placeholders: a resource, so it reads as the shell it is. */
    private static final String TEMPLATE = template();

    public RunScript {
        entrypoint = List.copyOf(entrypoint);
        environment = Map.copyOf(environment);
        ports = List.copyOf(ports);
    }

    /** The script's text. */
    public String text() {
        String source = fromRegistry ? "docker://" + image : "oci-archive:$here/" + image;
        String tlsVerify = fromRegistry && allowHttp ? " --src-tls-verify=false" : "";
        String publish = ports.stream().map(p -> "-p " + p + ":" + p).collect(Collectors.joining(" "));
        String args = entrypoint.stream().map(RunScript::json).map(RunScript::shellQuote)
                .collect(Collectors.joining(" "));
        String env = environment.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> shellQuote(json(e.getKey() + "=" + e.getValue()))).collect(Collectors.joining(" "));
        return TEMPLATE.formatted(name, source, uid, gid, publish, tlsVerify, dockerLoad(), args, env, workingDirectory);
    }

    private static String template() {
        try (InputStream in = RunScript.class.getResourceAsStream("run.sh.template")) {
            if (in == null) {
                throw new IllegalStateException("run.sh.template is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without skopeo, docker 25 and later load OCI archives themselves. */
    private String dockerLoad() {
        if (fromRegistry) {
            return "engine_run docker \"" + image + "\" \"$@\"";
        }
        return "loaded=$(docker load -q -i \"$here/" + image + "\" | sed -n 's/^Loaded image[^:]*: //p' | tail -n 1)\n"
                + "    engine_run docker \"$loaded\" \"$@\"";
    }

    /** A JSON string literal; control characters other than tab do not occur in image configurations. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
