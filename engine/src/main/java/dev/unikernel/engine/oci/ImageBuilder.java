package dev.unikernel.engine.oci;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import dev.unikernel.engine.BuildLog;
import dev.unikernel.engine.Sizes;
import dev.unikernel.engine.UnikernelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds an {@link ImageSpec} with jib-core, without a Docker daemon, into an OCI archive or a
 * registry. jib-core makes each layer reproducible (entries sorted, owners and times fixed); this
 * class adds what it leaves to the caller: explicit modes, a fixed creation time, and a pinned tool
 * name and version in the history, which jib-core would otherwise fill with its own version.
 */
public final class ImageBuilder {

    /** Written into each layer's history entry as {@code created_by}. */
    public static final String TOOL_NAME = "unikernel-maven-plugin";
    /**
     * The image layout's version, pinned in the history instead of the plugin's or jib-core's, so an
     * upgrade of either changes no digest unless the image itself changes. Raise it when the layout does.
     */
    public static final String TOOL_VERSION = "oci-1";

    /** What was built. */
    public record Result(String reference, String digest, String imageId) {
    }

    private ImageBuilder() {
    }

    /**
     * Builds the image. {@code workDirectory} keeps jib-core's layer cache between builds;
     * {@code allowHttp} lets registries be spoken to over plain HTTP.
     */
    public static Result build(ImageSpec spec, ImageDestination destination, Path workDirectory, boolean allowHttp,
            BuildLog log) throws UnikernelException, IOException {
        boolean offline = RegistryAccess.offline();
        if (offline) {
            requireAvailableOffline(spec.from(),
                    destination instanceof ImageDestination.Registry registry ? registry.reference() : null);
        }
        Path empty = workDirectory.resolve("empty-directory");
        Files.createDirectories(empty);
        JibContainerBuilder builder = base(spec.from());
        builder.setFormat(ImageFormat.OCI)
                .setCreationTime(spec.creationTime())
                .setPlatforms(Set.of(new Platform(spec.architecture(), "linux")))
                .setEntrypoint(spec.entrypoint())
                .setProgramArguments(java.util.List.of())
                .setEnvironment(spec.environment())
                .setLabels(spec.labels())
                .setUser(spec.user())
                .setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory()));
        Set<Port> ports = new LinkedHashSet<>();
        spec.ports().forEach(port -> ports.add(Port.tcp(port)));
        builder.setExposedPorts(ports);
        Set<AbsoluteUnixPath> volumes = new LinkedHashSet<>();
        spec.volumes().forEach(volume -> volumes.add(AbsoluteUnixPath.get(volume)));
        builder.setVolumes(volumes);
        int number = 0;
        for (LayerContents layer : spec.layers()) {
            number++;
            log.info(String.format("Layer %d/%d %-18s %5d entries, %s", number, spec.layers().size(), layer.name(),
                    layer.entries().size(), Sizes.human(layer.size())));
            builder.addFileEntriesLayer(toJib(layer, empty, spec));
        }

        Containerizer containerizer = containerizer(destination, log)
                .setToolName(TOOL_NAME)
                .setToolVersion(TOOL_VERSION)
                .setAllowInsecureRegistries(allowHttp)
                .setOfflineMode(offline)
                .setApplicationLayersCache(workDirectory.resolve("cache"))
                .addEventHandler(LogEvent.class, event -> forward(event, log));
        long start = System.nanoTime();
        JibContainer container;
        try {
            container = builder.containerize(containerizer);
        } catch (ExecutionException e) {
            throw translate(e.getCause() != null ? e.getCause() : e, spec, destination);
        } catch (RegistryException | CacheDirectoryCreationException e) {
            throw translate(e, spec, destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnikernelException("interrupted while building the image", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String digest = container.getDigest().toString();
        String reference;
        switch (destination) {
            case ImageDestination.Archive archive -> {
                Files.move(temporary(archive.file()), archive.file(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                reference = archive.file().toString();
                log.info(String.format("Wrote %s in %.1f s: %s compressed, digest %s", archive.file(), seconds,
                        Sizes.human(Files.size(archive.file())), digest));
            }
            case ImageDestination.Registry registry -> {
                reference = registry.reference();
                log.info(String.format("Pushed %s in %.1f s: digest %s", registry.reference(), seconds, digest));
            }
        }
        return new Result(reference, digest, container.getImageId().toString());
    }

    /**
     * Fails, before any connection, when an offline build (Maven's {@code -o}) would need the network:
     * a push to {@code image}, or a base image {@code from} that jib-core's cache does not hold.
     */
    public static void requireAvailableOffline(String from, String image) throws UnikernelException {
        if (image != null) {
            throw new UnikernelException("pushing to " + image + " needs the network, but Maven is offline (-o):"
                    + " build without -o, or leave <image> (-Dunikernel.image) empty to write the image as a tar");
        }
        if (from == null) {
            return;
        }
        Path cache = Containerizer.DEFAULT_BASE_CACHE_DIRECTORY;
        boolean cached;
        try {
            cached = Cache.withDirectory(cache).retrieveMetadata(ImageReference.parse(from)).isPresent();
        } catch (InvalidImageReferenceException e) {
            throw new UnikernelException("<from> '" + from + "' is not an image reference: write it as"
                    + " REGISTRY/NAME:TAG or REGISTRY/NAME@sha256:DIGEST, e.g. 127.0.0.1:5000/base:1");
        } catch (IOException | CacheCorruptedException | CacheDirectoryCreationException e) {
            cached = false;
        }
        if (!cached) {
            throw new UnikernelException("the base image " + from + " is not in jib's cache (" + cache
                    + ") and Maven is offline (-o): build once without -o to cache it, or leave <from>"
                    + " (-Dunikernel.from) empty to build from scratch");
        }
    }

    private static JibContainerBuilder base(String from) throws UnikernelException {
        if (from == null) {
            return Jib.fromScratch();
        }
        try {
            ImageReference reference = ImageReference.parse(from);
            return Jib.from(withCredentials(RegistryImage.named(reference), reference));
        } catch (InvalidImageReferenceException e) {
            throw new UnikernelException("<from> '" + from + "' is not an image reference: write it as"
                    + " REGISTRY/NAME:TAG or REGISTRY/NAME@sha256:DIGEST, e.g. 127.0.0.1:5000/base:1");
        }
    }

    private static Containerizer containerizer(ImageDestination destination, BuildLog log)
            throws UnikernelException, IOException {
        return switch (destination) {
            case ImageDestination.Archive archive -> {
                Files.createDirectories(archive.file().getParent());
                try {
                    yield Containerizer.to(TarImage.at(temporary(archive.file())).named(archive.name()));
                } catch (InvalidImageReferenceException e) {
                    throw new UnikernelException("'" + archive.name() + "' is not a valid image name: set <name>"
                            + " (-Dunikernel.name) to lower case letters, digits, '.', '-' and '_'");
                }
            }
            case ImageDestination.Registry registry -> {
                try {
                    ImageReference reference = ImageReference.parse(registry.reference());
                    log.info("Pushing to " + reference + " (layers the registry already has are not sent again)");
                    yield Containerizer.to(withCredentials(RegistryImage.named(reference), reference));
                } catch (InvalidImageReferenceException e) {
                    throw new UnikernelException("<image> (-Dunikernel.image) '" + registry.reference()
                            + "' is not an image reference: write it as HOST[:PORT]/NAME[:TAG], e.g."
                            + " 127.0.0.1:5000/hello:1.0");
                }
            }
        };
    }

    /** Credentials as docker and podman keep them: ~/.docker/config.json and its credential helpers. */
    private static RegistryImage withCredentials(RegistryImage image, ImageReference reference) {
        Consumer<LogEvent> ignore = event -> {
        };
        CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(reference, ignore);
        return image.addCredentialRetriever(credentials.dockerConfig())
                .addCredentialRetriever(credentials.wellKnownCredentialHelpers());
    }

    private static FileEntriesLayer toJib(LayerContents layer, Path empty, ImageSpec spec) {
        FileEntriesLayer.Builder builder = FileEntriesLayer.builder().setName(layer.name());
        for (LayerContents.Entry entry : layer.entries()) {
            builder.addEntry(new FileEntry(entry.isDirectory() ? empty : entry.source(),
                    AbsoluteUnixPath.get(entry.imagePath()), FilePermissions.fromOctalString(octal(entry.mode())),
                    spec.creationTime(), entry.owner()));
        }
        return builder.build();
    }

    private static String octal(int mode) {
        String digits = Integer.toOctalString(mode & 0777);
        return "0".repeat(3 - digits.length()) + digits;
    }

    private static Path temporary(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".tmp");
    }

    private static void forward(LogEvent event, BuildLog log) {
        String message = event.getMessage().strip();
        if (message.isEmpty()) {
            return;
        }
        switch (event.getLevel()) {
            case ERROR, WARN -> log.warn("jib: " + message);
            case LIFECYCLE -> log.info(message);
            default -> log.debug("jib: " + message);
        }
    }

    private static UnikernelException translate(Throwable e, ImageSpec spec, ImageDestination destination) {
        String where = destination instanceof ImageDestination.Registry r ? r.reference() : spec.from();
        return switch (e) {
            case InsecureRegistryException insecure -> new UnikernelException("the registry of " + where
                    + " does not speak verified HTTPS: set <allowInsecureRegistry>true</allowInsecureRegistry>"
                    + " (-Dunikernel.allowInsecureRegistry=true) to allow plain HTTP and unverified certificates"
                    + " (always allowed for localhost and 127.0.0.1)", e);
            case RegistryUnauthorizedException unauthorized -> new UnikernelException("the registry refused access to "
                    + where + ": log in with"
                    + " 'docker login' or 'podman login --authfile ~/.docker/config.json', whose credentials are used", e);
            case RegistryAuthenticationFailedException failed -> new UnikernelException("logging in to the registry of "
                    + where + " failed: " + failed.getMessage(), e);
            case RegistryException registry -> new UnikernelException("registry error for " + where + ": "
                    + registry.getMessage(), e);
            case CacheDirectoryCreationException cache -> new UnikernelException("cannot create jib-core's layer"
                    + " cache: " + cache.getMessage(), e);
            case IOException io -> new UnikernelException("building the image failed: " + io.getMessage()
                    + (where != null ? " (registry " + where + ": is it running and reachable?)" : ""), e);
            default -> new UnikernelException("building the image failed: " + e, e);
        };
    }
}
