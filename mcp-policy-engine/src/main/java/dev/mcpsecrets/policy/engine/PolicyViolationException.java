package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown by {@link PolicyGuard} when findings reach the chosen severity, so a misconfigured server
 * refuses to start. Carries the whole report; its message names the rules and locations, never a
 * value.
 *
 * @since 0.1
 */
public final class PolicyViolationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Reports are not serialisable; a deserialised exception keeps only its message. */
    private final transient PolicyReport report;
    /** The severity at or above which the guard fails; kept when the exception is serialised. */
    private final Severity threshold;

    /**
     * Creates the exception.
     *
     * @param report the report
     * @param threshold the severity that makes a finding fatal
     */
    public PolicyViolationException(PolicyReport report, Severity threshold) {
        super(message(Objects.requireNonNull(report, "report"), Objects.requireNonNull(threshold, "threshold")));
        this.report = report;
        this.threshold = threshold;
    }

    /**
     * The report of the run.
     *
     * @return the report ({@code null} only after Java deserialisation)
     */
    public PolicyReport report() {
        return report;
    }

    /**
     * The severity that was reached.
     *
     * @return the threshold
     */
    public Severity threshold() {
        return threshold;
    }

    private static String message(PolicyReport report, Severity threshold) {
        List<Finding> fatal = report.atOrAbove(threshold);
        String listed = fatal.stream().limit(5)
                .map(f -> f.ruleId() + " (" + f.severity().label() + ") at " + f.location().display())
                .collect(Collectors.joining(", "));
        return "MCP policy: " + fatal.size() + (fatal.size() == 1 ? " finding" : " findings") + " at or above "
                + threshold.label() + ": " + listed + (fatal.size() > 5 ? ", ..." : "")
                + "; see the log for details and fixes";
    }
}
