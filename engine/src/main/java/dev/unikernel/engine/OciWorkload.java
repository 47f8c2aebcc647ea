package dev.unikernel.engine;

import dev.unikernel.api.ByteSize;
import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.api.boot.KeyType;
import dev.unikernel.engine.oci.ImageSpec;
import dev.unikernel.engine.oci.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The built image as an orchestrator's workload ({@link Workload}), from the plan's keys and the image's spec. */
final class OciWorkload {

    /** The claim when no create-size default says more: room for a 960 MiB disk image and small files. */
    static final long DEFAULT_VOLUME_MIB = 1024;
    /** Beside the disk image, the volume holds small files (a host key, authorized keys). */
    static final long HEADROOM_MIB = 64;
    static final String CREATE_SIZE = "create-size";

    private OciWorkload() {
    }

    /**
     * @param reference the pushed reference, or null when the image went into an archive
     * @param digest    the image's {@code sha256:...} digest
     */
    static Workload of(Plan plan, ImageSpec spec, String name, String reference, String digest)
            throws UnikernelException {
        int[] user = OciPackager.parseUser(spec.user());
        Map<String, String> environment = new TreeMap<>();
        List<String> configKeys = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> requiredSecrets = new ArrayList<>();
        List<String> volumeFiles = new ArrayList<>();
        long volumeMib = DEFAULT_VOLUME_MIB;
        for (KeySpec key : plan.keys()) {
            boolean inImage = spec.environment().containsKey(key.environmentName());
            if (key.isSecret()) {
                secrets.add(key.name());
                if (key.isRequired()) {
                    requiredSecrets.add(key.name());
                }
            } else if (key.name().equals(CREATE_SIZE) || key.name().endsWith("-" + CREATE_SIZE)) {
                String size = inImage ? spec.environment().get(key.environmentName()) : key.defaultValue();
                if (size != null) {
                    volumeMib = mib(ByteSize.parse(size).bytes()) + HEADROOM_MIB;
                } else {
                    // Without it the first start cannot make the disk: one that fills the claim, less the headroom.
                    environment.put(key.environmentName(), (DEFAULT_VOLUME_MIB - HEADROOM_MIB) + "M");
                }
            } else if (key.isRequired() && !inImage) {
                if (key.type() == KeyType.PATH) {
                    // A file the program reads or writes: in the volume, where it persists.
                    String path = Workload.DATA + "/" + key.name();
                    environment.put(key.environmentName(), path);
                    volumeFiles.add(path);
                } else {
                    configKeys.add(key.name());
                }
            }
        }
        String image = reference == null ? "localhost/" + name + "@" + digest : reference + "@" + digest;
        return new Workload(name, image, reference != null, name + ".tar", user[0], user[1], spec.ports(),
                environment, configKeys, secrets, requiredSecrets, volumeFiles, quantity(volumeMib));
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** Kubernetes' binary units: 1Gi when whole, else Mi. */
    static String quantity(long mib) {
        return mib % 1024 == 0 ? (mib / 1024) + "Gi" : mib + "Mi";
    }
}
