package dev.unikernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unikernel.engine.oci.ImageSpec;
import dev.unikernel.engine.oci.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciWorkloadTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    private static ImageSpec spec(Map<String, String> environment) {
        return new ImageSpec(null, "amd64", List.of(), List.of("/jre/bin/java"), environment, List.of(22),
                List.of("/data"), "1000:2000", "/data", Map.of(), Instant.EPOCH);
    }

    @Test
    void secretsAreFilesAndAMissingCreateSizeIsOneThatFillsTheDefaultClaim() throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "oci", "storage");
        Workload workload = OciWorkload.of(plan, spec(Map.of("UNIKERNEL_PORT", "22")), "storage", null, DIGEST);
        assertEquals("localhost/storage@" + DIGEST, workload.image());
        assertEquals(List.of("passphrase"), workload.secrets());
        assertEquals(List.of("passphrase"), workload.requiredSecrets());
        assertEquals(Map.of("UNIKERNEL_CREATE_SIZE", "960M"), workload.environment());
        assertEquals("1Gi", workload.volumeSize());
        assertEquals(1000, workload.uid());
        assertEquals(2000, workload.gid());
        assertEquals(List.of(22), workload.ports());
    }

    @Test
    void aCreateSizeInTheImageSizesTheClaimAndAPushPinsThePushedReference() throws Exception {
        Plan plan = PlannerTest.plan(PlannerTest.inspect("dev.unikernel.engine.apps.Storage"), "oci", "storage");
        Workload workload = OciWorkload.of(plan, spec(Map.of("UNIKERNEL_CREATE_SIZE", "256M")), "storage",
                "127.0.0.1:5000/storage:1.0", DIGEST);
        assertEquals("127.0.0.1:5000/storage:1.0@" + DIGEST, workload.image());
        assertEquals(Map.of(), workload.environment());
        assertEquals("320Mi", workload.volumeSize());
    }
}
