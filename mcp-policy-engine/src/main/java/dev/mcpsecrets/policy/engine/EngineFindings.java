package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.engine.Suppression;
import java.util.Set;

/** The engine's own findings: a check that could not run, and suppressions that cannot be applied. */
final class EngineFindings {
    /** A check threw, timed out, or reported an invalid finding. */
    public static final String CHECK_FAILED = "MCP-ENG-001";
    /** A suppression has expired. */
    public static final String SUPPRESSION_EXPIRED = "MCP-ENG-002";
    /** A suppression entry or file is invalid. */
    public static final String SUPPRESSION_INVALID = "MCP-ENG-003";
    /** Every engine rule id. */
    public static final Set<String> RULE_IDS = Set.of(CHECK_FAILED, SUPPRESSION_EXPIRED, SUPPRESSION_INVALID);

    private EngineFindings() {
    }

    /**
     * A check that could not complete: fail closed, the run is not clean.
     *
     * @param checkId the check
     * @param what e.g. "threw java.lang.IllegalStateException at ..." or "did not finish within 30 s"
     * @return the finding
     */
    public static Finding checkFailed(String checkId, String what) {
        return Finding.builder(CHECK_FAILED, Severity.HIGH)
                .title("Check could not complete")
                .message("check " + checkId + " " + what + "; what it checks is unknown for this run")
                .remediation("Run again with debug logging for dev.mcpsecrets.policy, and report the problem to the "
                        + "check's author; suppress " + CHECK_FAILED + " for this check only if you accept not knowing.")
                .fingerprintHint(checkId)
                .build();
    }

    /**
     * A suppression past its expiry date; it no longer hides anything.
     *
     * @param s the suppression
     * @return the finding
     */
    public static Finding expired(Suppression s) {
        return Finding.builder(SUPPRESSION_EXPIRED, Severity.MEDIUM)
                .title("Suppression has expired")
                .message("the suppression of " + s.rulePattern() + " at " + s.locationPattern() + " expired on "
                        + s.expires() + " and no longer applies (reason given: " + s.reason() + ")")
                .location(s.definedAt())
                .remediation("Fix the findings it covered, or renew it with a new \"expires\" date and a current reason.")
                .fingerprintHint(s.rulePattern() + "|" + s.locationPattern())
                .build();
    }

    /**
     * An invalid suppressions entry or file.
     *
     * @param where where in the suppressions file
     * @param message what is wrong
     * @return the finding
     */
    public static Finding badSuppression(Location where, String message) {
        return Finding.builder(SUPPRESSION_INVALID, Severity.MEDIUM)
                .title("Suppression cannot be applied")
                .message(message)
                .location(where)
                .remediation("Each entry needs \"rule\", \"location\", a non-empty \"reason\" and optionally "
                        + "\"expires\": \"YYYY-MM-DD\"; see the mcp-policy README.")
                .build();
    }
}
