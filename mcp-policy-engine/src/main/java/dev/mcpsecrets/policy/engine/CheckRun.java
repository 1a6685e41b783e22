package dev.mcpsecrets.policy.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How one check's run went.
 *
 * @param checkId the check's id
 * @param status the outcome
 * @param duration how long it ran
 * @param findings how many findings it reported
 * @param detail for failures, the exception type and where it was thrown (never its message); else
 *     empty
 * @since 0.1
 */
public record CheckRun(String checkId, Status status, Duration duration, int findings, String detail) {

    /** Outcomes of a check. */
    public enum Status {
        /** It completed. */
        OK,
        /** It threw; the engine reported an error finding instead. */
        FAILED,
        /** It passed its deadline; the engine reported an error finding instead. */
        TIMED_OUT,
        /** It is a live probe and live probes were not allowed. */
        SKIPPED
    }

    /**
     * Validates the parts.
     *
     * @param checkId the id
     * @param status the status
     * @param duration the duration
     * @param findings the number of findings
     * @param detail the detail
     */
    public CheckRun {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
    }
}
