package dev.unikernel.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <oci>} element: the oci target's parameters nested as jib nests {@code <from>} and
 * {@code <to>}, each the same as a flat one ({@code <user>} is {@code <imageUser>}). Maven fills the
 * fields by their names.
 */
public class OciConfiguration {

    /** The base image; empty builds from scratch: {@code <from>}. */
    private String from;

    /** The registry reference to push to instead of writing a tar: {@code <image>}. */
    private String image;

    /** Allow plain HTTP for registries other than this machine's: {@code <allowInsecureRegistry>}. */
    private Boolean allowInsecureRegistry;

    /** The numeric {@code uid:gid} the program runs as: {@code <imageUser>}. */
    private String user;

    /** TCP ports the image exposes, {@code <port>22</port>}: {@code <exposedPorts>}. */
    private List<Integer> ports = new ArrayList<>();

    /** Environment variables set in the image: {@code <imageEnvironment>}. */
    private Map<String, String> environment = new LinkedHashMap<>();

    /** Extra image labels: {@code <imageLabels>}. */
    private Map<String, String> labels = new LinkedHashMap<>();

    /** The {@code org.opencontainers.image.source} label: {@code <imageSource>}. */
    private String source;

    /** The {@code org.opencontainers.image.version} label: {@code <imageVersion>}. */
    private String version;

    /** The {@code org.opencontainers.image.revision} label: {@code <imageRevision>}. */
    private String revision;

    /** The image's and every file's time: {@code <imageCreationTime>}. */
    private String creationTime;

    public String getFrom() {
        return from;
    }

    public String getImage() {
        return image;
    }

    public Boolean getAllowInsecureRegistry() {
        return allowInsecureRegistry;
    }

    public String getUser() {
        return user;
    }

    public List<Integer> getPorts() {
        return ports;
    }

    public Map<String, String> getEnvironment() {
        return environment;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public String getSource() {
        return source;
    }

    public String getVersion() {
        return version;
    }

    public String getRevision() {
        return revision;
    }

    public String getCreationTime() {
        return creationTime;
    }
}
