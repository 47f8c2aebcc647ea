package dev.unikernel.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sftp built for oci: every document of its sftp.kubernetes.yaml is valid against the
 * Kubernetes schema (npm's kubernetes-models), and the validator does reject a broken document.
 */
class KubernetesManifestSchemaTest {

    static final Path MANIFEST = Examples.SFTP.resolve("target/unikernel/oci/sftp.kubernetes.yaml");

    @BeforeAll
    static void build() throws Exception {
        Examples.build(Examples.SFTP, "oci");
        assertTrue(Files.isRegularFile(MANIFEST), "no manifest at " + MANIFEST);
        KubernetesValidator.install();
    }

    @Test
    void everyDocumentOfTheManifestIsValid() throws Exception {
        Command.Result result = KubernetesValidator.validate(MANIFEST);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("2 documents valid"), result.output());
    }

    @Test
    void aBrokenDocumentFails(@TempDir Path work) throws Exception {
        String manifest = Files.readString(MANIFEST);
        assertTrue(manifest.contains("containerPort: 22"), manifest);
        Path broken = Files.writeString(work.resolve("broken.yaml"),
                manifest.replace("containerPort: 22", "containerPort: twenty-two"));
        Command.Result result = KubernetesValidator.validate(broken);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("StatefulSet sftp") && result.output().contains("containerPort"),
                result.output());
    }
}
