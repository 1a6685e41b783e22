package dev.mcpsecrets.policy;

import dev.mcpsecrets.api.Profile;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call a server makes at startup to check its own least-privilege settings:
 *
 * <pre>{@code
 * PolicyGuard.enforce(SelfDeclaration.named("notes").withReadOnly(true));
 * }</pre>
 *
 * It runs the checks over this user's MCP client configs and the server's declaration, logs every
 * finding through SLF4J (never stdout: stdio servers speak JSON-RPC there), and throws
 * {@link PolicyViolationException} when a finding reaches the threshold (high by default), unless
 * warn-only. Configure it with {@link #builder()}.
 *
 * @since 0.1
 */
public final class PolicyGuard {
    private final PolicyContext context;
    private final SelfDeclaration self;
    private final PolicyEngine engine;
    private final Severity failOn;
    private final boolean warnOnly;
    private final Logger log;

    private PolicyGuard(Builder b) {
        this.context = b.context;
        this.self = b.self;
        this.engine = b.engine;
        this.failOn = b.failOn;
        this.warnOnly = b.warnOnly;
        this.log = b.logger;
    }

    /**
     * Runs the discovered checks for this process and fails at {@link Severity#HIGH}.
     *
     * @param self what the server declares about itself
     * @return the report, when nothing reached the threshold
     * @throws PolicyViolationException when a finding is high or critical
     */
    public static PolicyReport enforce(SelfDeclaration self) {
        return builder().self(self).build().check();
    }

    /**
     * Starts a guard. Defaults: the process environment, home and working directory, the profile
     * from {@code MCP_SECRETS_PROFILE}/{@code CLAUDE_ENV}, the discovered configs and checks, the
     * per-user fingerprint key, fail at high, logger {@code dev.mcpsecrets.policy.PolicyGuard}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the checks, logs the findings, and throws at the threshold (unless warn-only).
     *
     * @return the report
     * @throws PolicyViolationException when a finding reaches the threshold and the guard is not warn-only
     */
    public PolicyReport check() {
        PolicyContext ctx = context != null ? context : defaultContext();
        if (self != null) {
            ctx = ctx.toBuilder().self(self).build();
        }
        PolicyReport report = engine.run(ctx);
        for (Finding f : report.findings()) {
            logFinding(f);
        }
        boolean fatal = !report.atOrAbove(failOn).isEmpty();
        String summary = "MCP policy check: {} findings ({} at or above {}), {} suppressed, {} checks";
        Object[] args = {report.findings().size(), report.atOrAbove(failOn).size(), failOn.label(),
            report.suppressed().size(), report.checks().size()};
        if (fatal && warnOnly) {
            log.warn(summary + "; warn-only mode, starting anyway", args);
        } else if (fatal) {
            log.error(summary + "; refusing to start", args);
            throw new PolicyViolationException(report, failOn);
        } else {
            log.info(summary, args);
        }
        return report;
    }

    private void logFinding(Finding f) {
        String line = "[{} {}] {}: {} - {}{}";
        Object[] args = {f.ruleId(), f.severity().label(), f.location().display(), f.title(), f.message(),
            f.remediation().isEmpty() ? "" : " Fix: " + f.remediation()};
        if (f.severity().isAtLeast(failOn) && !warnOnly) {
            log.error(line, args);
        } else if (f.severity().isAtLeast(Severity.MEDIUM) || f.severity().isAtLeast(failOn)) {
            log.warn(line, args);
        } else {
            log.info(line, args);
        }
    }

    private PolicyContext defaultContext() {
        Map<String, String> env = System.getenv();
        PolicyContext.Builder b = PolicyContext.builder().environment(env)
                .profile(Profile.fromEnvironment(env, null)).files(FileSystemView.ofProcess(env)).discoverConfigs();
        try {
            b.userFingerprinter();
        } catch (IOException e) {
            // a random key still compares values within this run; only cross-run matching is lost
            log.warn("MCP policy: using a per-run fingerprint key: {}", e.getMessage());
        }
        return b.build();
    }

    /**
     * Builds a {@link PolicyGuard}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private PolicyContext context;
        private SelfDeclaration self;
        private PolicyEngine engine;
        private Severity failOn = Severity.HIGH;
        private boolean warnOnly;
        private Logger logger = LoggerFactory.getLogger(PolicyGuard.class);

        private Builder() {
        }

        /**
         * The context to check instead of this process's.
         *
         * @param value the context
         * @return this builder
         */
        public Builder context(PolicyContext value) {
            this.context = Objects.requireNonNull(value, "context");
            return this;
        }

        /**
         * What the server declares about itself (replaces the context's declaration).
         *
         * @param value the declaration
         * @return this builder
         */
        public Builder self(SelfDeclaration value) {
            this.self = Objects.requireNonNull(value, "self");
            return this;
        }

        /**
         * The engine (checks, timeout, suppressions, baseline).
         *
         * @param value the engine
         * @return this builder
         */
        public Builder engine(PolicyEngine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /**
         * The severity at which the guard throws.
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder failOn(Severity value) {
            this.failOn = Objects.requireNonNull(value, "failOn");
            return this;
        }

        /**
         * Warn-only: log everything but never throw.
         *
         * @param value whether to only warn
         * @return this builder
         */
        public Builder warnOnly(boolean value) {
            this.warnOnly = value;
            return this;
        }

        /**
         * The logger to report through.
         *
         * @param value the logger
         * @return this builder
         */
        public Builder logger(Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * Builds the guard.
         *
         * @return the guard
         */
        public PolicyGuard build() {
            if (engine == null) {
                engine = PolicyEngine.builder().build();
            }
            return new PolicyGuard(this);
        }
    }
}
