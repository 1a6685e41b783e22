package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.engine.GuardScopes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call a server makes at startup to check its own least-privilege settings:
 *
 * <pre>{@code
 * PolicyGuard.enforce(SelfDeclaration.named("notes").withReadOnly(true));
 * }</pre>
 *
 * <p>By default it judges what the server owns: its declaration ({@link PolicyScope#SELF}) and the
 * MCP client-config entries that start it (named like the declaration, or holding one of its
 * {@link SelfDeclaration#commands()}), and refuses the start ({@link PolicyViolationException}) only
 * when one of those findings reaches the threshold (high by default), unless warn-only. Other servers'
 * entries in this user's configs ({@link PolicyScope#CONFIG}) are only logged as warnings.
 * {@link PolicyScope#MACHINE}, {@link PolicyScope#HISTORY} and {@link PolicyScope#LIVE} do not run at
 * all unless asked with {@link Builder#warnOn} or {@link Builder#refuseOn}, so a server's startup cost
 * does not grow with a git history or a home directory it does not own. {@link Builder#allScopes()}
 * judges everything, as {@code mcp-secrets audit} does. Findings go through SLF4J (never stdout:
 * stdio servers speak JSON-RPC there).
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
    private final Set<PolicyScope> refuseOn;
    private final Set<PolicyScope> warnOn;

    private PolicyGuard(Builder b) {
        this.context = b.context;
        this.self = b.self;
        this.engine = b.engine;
        this.failOn = b.failOn;
        this.warnOnly = b.warnOnly;
        this.log = b.logger;
        EnumSet<PolicyScope> refuse = EnumSet.noneOf(PolicyScope.class);
        refuse.addAll(b.refuseOn);
        this.refuseOn = Collections.unmodifiableSet(refuse);
        EnumSet<PolicyScope> warn = EnumSet.noneOf(PolicyScope.class);
        warn.addAll(b.warnOn);
        warn.removeAll(b.refuseOn);
        this.warnOn = Collections.unmodifiableSet(warn);
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
     * per-user fingerprint key, fail at high, refuse on {@link PolicyScope#SELF} (with this server's
     * own config entries), warn on {@link PolicyScope#CONFIG}, logger
     * {@code dev.mcpsecrets.policy.engine.PolicyGuard}.
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
        EnumSet<PolicyScope> run = EnumSet.noneOf(PolicyScope.class);
        run.addAll(refuseOn);
        run.addAll(warnOn);
        if (run.contains(PolicyScope.SELF)) {
            run.add(PolicyScope.CONFIG); // the entries that start this server go with its declaration
        }
        run.retainAll(ctx.scopes());
        ctx = ctx.toBuilder().scopes(run).build();
        PolicyReport full = engine.run(ctx);
        List<Finding> judged = new ArrayList<>();
        List<Finding> warned = new ArrayList<>();
        GuardScopes scopes = new GuardScopes(engine.checks(), ctx, refuseOn, warnOn);
        for (Finding f : full.findings()) {
            switch (scopes.verdict(f)) {
                case JUDGED -> judged.add(f);
                case WARNED -> warned.add(f);
                default -> log.debug("MCP policy: {} at {} is outside the guard's scopes", f.ruleId(),
                        f.location().display());
            }
        }
        for (Finding f : judged) {
            logFinding(f);
        }
        for (Finding f : warned) {
            logWarned(f, scopes.describe(f));
        }
        PolicyReport report = withFindings(full, judged);
        boolean fatal = !report.atOrAbove(failOn).isEmpty();
        String summary = "MCP policy check: {} findings ({} at or above {}), {} suppressed, {} checks{}";
        Object[] args = {report.findings().size(), report.atOrAbove(failOn).size(), failOn.label(),
            report.suppressed().size(), report.checks().size(), warned.isEmpty() ? ""
                : "; " + warned.size() + " more about other servers or the machine, logged as warnings only"};
        if (fatal && warnOnly) {
            log.warn(summary + "; warn-only mode, starting anyway", args);
        } else if (fatal) {
            log.error(summary + "; refusing to start", args);
            throw new PolicyViolationException(report, failOn);
        } else {
            log.info(summary, args);
        }
        List<Finding> all = new ArrayList<>(full.findings());
        all.removeIf(f -> !judged.contains(f) && !warned.contains(f));
        return withFindings(full, all);
    }

    private static PolicyReport withFindings(PolicyReport full, List<Finding> findings) {
        return new PolicyReport(full.startedAt(), full.duration(), full.profile(), full.configs(), full.checks(),
                findings, full.suppressed(), full.baselineMatched());
    }

    /** The file and line, or the part of the declaration a finding is about. */
    private static String where(Finding f) {
        Location at = f.location();
        String pointer = at.jsonPointer();
        if (at.file() == null && pointer != null && pointer.startsWith("/self/")) {
            return "declared " + pointer.substring("/self/".length());
        }
        return at.display();
    }

    private void logWarned(Finding f, String why) {
        String line = "[{} {}] {}: {} - {} (warning only: {}; run mcp-secrets audit for the full picture)";
        Object[] args = {f.ruleId(), f.severity().label(), where(f), f.title(), f.message(), why};
        if (f.severity().isAtLeast(Severity.MEDIUM)) {
            log.warn(line, args);
        } else {
            log.info(line, args);
        }
    }

    private void logFinding(Finding f) {
        String line = "[{} {}] {}: {} - {}{}";
        Object[] args = {f.ruleId(), f.severity().label(), where(f), f.title(), f.message(),
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
        private Set<PolicyScope> refuseOn = EnumSet.of(PolicyScope.SELF);
        private Set<PolicyScope> warnOn = EnumSet.of(PolicyScope.CONFIG);

        private Builder() {
        }

        /**
         * The scopes whose findings may refuse the start (default: {@link PolicyScope#SELF}, which also
         * covers the client-config entries that start this server). {@link PolicyScope#CONFIG} here
         * judges every server's entries; {@link PolicyScope#LIVE} needs a context that allows live probes.
         *
         * @param scopes the scopes, possibly none
         * @return this builder
         * @since 0.2
         */
        public Builder refuseOn(Collection<PolicyScope> scopes) {
            this.refuseOn = copy(scopes);
            return this;
        }

        /**
         * The scopes that run and are only logged, never refusing the start (default:
         * {@link PolicyScope#CONFIG}, i.e. other servers' entries). A scope also in {@link #refuseOn}
         * refuses.
         *
         * @param scopes the scopes, possibly none
         * @return this builder
         * @since 0.2
         */
        public Builder warnOn(Collection<PolicyScope> scopes) {
            this.warnOn = copy(scopes);
            return this;
        }

        /**
         * Judges every scope, as {@code mcp-secrets audit} does: any finding at the threshold refuses
         * the start, whatever it is about.
         *
         * @return this builder
         * @since 0.2
         */
        public Builder allScopes() {
            this.refuseOn = EnumSet.allOf(PolicyScope.class);
            this.warnOn = EnumSet.noneOf(PolicyScope.class);
            return this;
        }

        private static Set<PolicyScope> copy(Collection<PolicyScope> scopes) {
            EnumSet<PolicyScope> set = EnumSet.noneOf(PolicyScope.class);
            for (PolicyScope s : Objects.requireNonNull(scopes, "scopes")) {
                set.add(Objects.requireNonNull(s, "scope"));
            }
            return set;
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
