package dev.unikernel.maven;

import dev.unikernel.api.boot.KeySpec;
import dev.unikernel.engine.DeviceGraph.DeviceNode;
import dev.unikernel.engine.Plan;
import org.apache.maven.plugin.logging.Log;

/** A few log lines that say what a plan connects: the functoria-style summary of configure. */
final class PlanSummary {

    private PlanSummary() {
    }

    static void log(Plan plan, Log log) {
        log.info("unikernel " + plan.applicationName() + " for target " + plan.target().name() + ": "
                + plan.graph().entryClass());
        for (DeviceNode device : plan.graph().devices()) {
            log.info("  device " + device.name() + " (" + device.contractName() + ") = " + device.stack()
                    + (device.deferred() ? ", deferred" : ""));
        }
        for (KeySpec key : plan.keys()) {
            log.info("  key " + key.name() + " : " + key.type().name().toLowerCase(java.util.Locale.ROOT)
                    + (key.defaultValue() != null ? " = " + key.defaultValue() : key.isRequired() ? " (required)" : ""));
        }
    }
}
