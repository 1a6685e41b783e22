package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;

/** Builds the findings of the live probes: every one names its credential and location. */
final class LiveFindings {
    private LiveFindings() {
    }

    static Finding of(String ruleId, Severity severity, String title, ProbeTarget target, String detail,
            String message, String remediation) {
        return Finding.builder(ruleId, severity).title(title).message(message).location(target.location())
                .remediation(remediation).fingerprintHint(target.hint(detail)).build();
    }
}
