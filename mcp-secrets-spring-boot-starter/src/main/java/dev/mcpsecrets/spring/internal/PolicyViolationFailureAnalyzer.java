package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.policy.engine.PolicyViolationException;
import dev.mcpsecrets.policy.engine.ReportFormat;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.engine.ReportWriter;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows the policy report (rules, locations, fixes; never a value) when the guard stops startup. */
public final class PolicyViolationFailureAnalyzer extends AbstractFailureAnalyzer<PolicyViolationException> {
    /** Created by Spring Boot. */
    public PolicyViolationFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PolicyViolationException cause) {
        String description = cause.getMessage();
        if (cause.report() != null) {
            description = description + System.lineSeparator() + System.lineSeparator()
                    + ReportWriter.render(cause.report(), ReportFormat.TEXT, ReportOptions.DEFAULTS).strip();
        }
        String action = "Fix the findings at or above " + cause.threshold().label() + " (each names its fix),"
                + " or suppress one with a reason in the file named by mcp-secrets.policy.suppressions."
                + " mcp-secrets.policy.fail-on sets the threshold (never: log only).";
        return new FailureAnalysis(description, action, cause);
    }
}
