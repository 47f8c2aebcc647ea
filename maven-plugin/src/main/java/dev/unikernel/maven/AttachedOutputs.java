package dev.unikernel.maven;

import dev.unikernel.engine.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Attaches a target's outputs to the project with the target's name as classifier, so that
 * {@code install} and {@code deploy} carry them: oci's image archive as it is (type {@code tar}), the
 * vm's kernel, initramfs and scripts, and the unix program's directory, each as one reproducible
 * {@code tar.gz}.
 */
final class AttachedOutputs {

    private final MavenProject project;
    private final MavenProjectHelper helper;
    private final Log log;

    AttachedOutputs(MavenProject project, MavenProjectHelper helper, Log log) {
        this.project = project;
        this.helper = helper;
        this.log = log;
    }

    /** Attaches what {@code target} built into {@code directory}; {@code artifact} is its main file. */
    void attach(Target target, String name, Path directory, Path artifact, Instant time) throws IOException {
        switch (target.name()) {
            case "oci" -> {
                if (!artifact.getFileName().toString().endsWith(".tar")) {
                    log.info("Attached nothing for oci: the image was pushed to a registry, not written as a tar");
                    return;
                }
                attachFile("tar", "oci", artifact);
            }
            case "vm" -> attachArchive("vm", name, directory, List.of(name + ".kernel", name + ".initrd", "run-qemu",
                    "firecracker.json", "firecracker.md", name + ".vmlinux"), time);
            // The launcher, the jars, the runtime, the AOT cache; not the build's own files (classes, logs).
            case "unix" -> attachArchive("unix", name, directory, List.of("bin", "lib", "runtime", "aot/" + name + ".aot"),
                    time);
            default -> log.info("Attached nothing for target " + target.name()
                    + ": only the unix, vm and oci outputs are attached");
        }
    }

    private void attachArchive(String classifier, String name, Path directory, List<String> included, Instant time)
            throws IOException {
        Path archive = directory.resolve(name + "-" + classifier + ".tar.gz");
        long start = System.nanoTime();
        TarGzArchive.write(archive, directory, included, name, time);
        log.info(String.format("Wrote %s in %.1f s", archive, (System.nanoTime() - start) / 1e9));
        attachFile("tar.gz", classifier, archive);
    }

    private void attachFile(String type, String classifier, Path file) throws IOException {
        helper.attachArtifact(project, type, classifier, file.toFile());
        log.info("Attached " + file.getFileName() + " (classifier " + classifier + ", " + Files.size(file) + " bytes)");
    }
}
