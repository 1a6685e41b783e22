package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.spring.SecretPropertyException;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link SecretPropertyException} into Spring Boot's "APPLICATION FAILED TO START" report. */
public final class SecretPropertyFailureAnalyzer extends AbstractFailureAnalyzer<SecretPropertyException> {
    /** Created by Spring Boot. */
    public SecretPropertyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SecretPropertyException cause) {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        cause.failures().forEach(f -> reasons.add(f.reason()));
        StringBuilder action = new StringBuilder();
        for (Reason reason : reasons) {
            action.append(advice(reason)).append(System.lineSeparator());
        }
        action.append("'mcp-secrets providers' lists the providers and whether each is available.");
        return new FailureAnalysis(cause.getMessage(), action.toString(), cause);
    }

    private static String advice(Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> "Create the secret the reference names, or correct the reference.";
            case LOCKED -> "Unlock the secret store (keychain, 1Password) and start again.";
            case HEADLESS -> "There is no interactive session here: add a fallback such as '|| env:NAME'.";
            case DENIED -> "Give this process access to the secret.";
            case RATE_LIMITED -> "The backend limits requests: wait, then start again.";
            case TIMEOUT -> "Check the backend is reachable, or raise mcp-secrets.timeout.";
            case UNAVAILABLE -> "Install, start or configure the backend named above, or add a fallback with '||'.";
            case MALFORMED -> "Write the value as secret:<scheme>:<body>, e.g. secret:env:GITHUB_TOKEN.";
        };
    }
}
