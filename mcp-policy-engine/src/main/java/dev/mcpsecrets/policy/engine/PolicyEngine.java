package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;

import dev.mcpsecrets.policy.engine.internal.CheckDiscovery;
import dev.mcpsecrets.policy.engine.CheckRunner;
import dev.mcpsecrets.policy.engine.EngineFindings;
import dev.mcpsecrets.policy.engine.internal.RuleDocs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Runs {@link PolicyCheck}s against a {@link PolicyContext} and produces a {@link PolicyReport}.
 * Each check runs under a deadline; a check that throws, times out or reports an invalid finding
 * becomes an error finding ({@code MCP-ENG-001}, high), so a broken check makes the run fail closed
 * instead of passing silently. Suppressions and a baseline are applied afterwards. Immutable and
 * reusable; build one with {@link #builder()}.
 *
 * @since 0.1
 */
public final class PolicyEngine {
    /** Default deadline of each check. */
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(30);

    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file() == null ? "" : f.location().file().toString())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::fingerprint)
            .thenComparing(Finding::message);

    private final List<PolicyCheck> checks;
    private final Duration checkTimeout;
    private final Suppressions suppressions;
    private final Baseline baseline;
    private final Clock clock;

    private PolicyEngine(Builder b) {
        List<PolicyCheck> all = new ArrayList<>(b.checks);
        if (b.discover) {
            all.addAll(CheckDiscovery.discover(b.classLoader));
        }
        all.removeIf(c -> b.excluded.contains(c.id()));
        this.checks = List.copyOf(CheckDiscovery.dedupe(all));
        this.checkTimeout = b.checkTimeout;
        this.suppressions = b.suppressions;
        this.baseline = b.baseline;
        this.clock = b.clock;
    }

    /**
     * Starts an engine. Defaults: discovered checks, 30 s per check, no suppressions, no baseline,
     * the system clock.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The checks this engine runs, explicit ones first.
     *
     * @return the checks
     */
    public List<PolicyCheck> checks() {
        return checks;
    }

    /**
     * Every rule id the engine may report: those of its checks and its own {@code MCP-ENG-*} rules.
     *
     * @return the rule ids, sorted
     */
    public SortedSet<String> ruleIds() {
        SortedSet<String> ids = new TreeSet<>(EngineFindings.RULE_IDS);
        checks.forEach(c -> ids.addAll(c.ruleIds()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /**
     * The help text of a rule (Markdown from {@code docs/rules/<ID>.md}), looked up in the class
     * loaders of the checks that declare it.
     *
     * @param ruleId the rule id
     * @return the help text, or empty when no check ships docs for it
     */
    public Optional<String> help(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        for (PolicyCheck c : checks) {
            if (c.ruleIds().contains(ruleId)) {
                Optional<String> help = RuleDocs.help(ruleId, c.getClass().getClassLoader());
                if (help.isPresent()) {
                    return help;
                }
            }
        }
        return RuleDocs.help(ruleId, null);
    }

    /**
     * Runs every check.
     *
     * @param context what to check
     * @return the report; never throws because of a check
     */
    public PolicyReport run(PolicyContext context) {
        Objects.requireNonNull(context, "context");
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        List<CheckRun> runs = new ArrayList<>();
        Set<Finding> all = new LinkedHashSet<>();
        for (CheckRunner.Outcome outcome : CheckRunner.runAll(checks, context, checkTimeout)) {
            runs.add(outcome.run());
            ClassLoader loader = checks.stream().filter(c -> c.id().equals(outcome.run().checkId())).findFirst()
                    .map(c -> c.getClass().getClassLoader()).orElse(null);
            outcome.findings().forEach(f -> all.add(withHelp(f, loader)));
        }
        suppressions.problems().forEach(f -> all.add(withHelp(f, null)));
        LocalDate today = LocalDate.ofInstant(started, clock.getZone());
        for (Suppression s : suppressions.entries()) {
            if (s.isExpired(today)) {
                all.add(withHelp(EngineFindings.expired(s), null));
            }
        }
        List<Finding> active = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        int inBaseline = 0;
        for (Finding f : all) {
            Optional<Suppression> by = suppressions.entries().stream()
                    .filter(s -> !s.isExpired(today) && s.matches(f, context.files())).findFirst();
            if (by.isPresent()) {
                suppressed.add(new SuppressedFinding(f, by.get()));
            } else if (baseline.contains(f)) {
                inBaseline++;
            } else {
                active.add(f);
            }
        }
        active.sort(ORDER);
        suppressed.sort(Comparator.comparing(SuppressedFinding::finding, ORDER));
        List<PolicyReport.ConfigSummary> configs = context.configs().stream()
                .map(c -> new PolicyReport.ConfigSummary(c.path(), c.client(), c.scope(), c.servers().size())).toList();
        return new PolicyReport(started, Duration.ofNanos(System.nanoTime() - startNanos), context.profile().name(),
                configs, runs, active, suppressed, inBaseline);
    }

    private static Finding withHelp(Finding f, ClassLoader loader) {
        if (!f.help().isEmpty()) {
            return f;
        }
        return RuleDocs.help(f.ruleId(), loader).map(f::withHelp).orElse(f);
    }

    @Override
    public String toString() {
        return "PolicyEngine[" + checks.size() + " checks, timeout " + checkTimeout + "]";
    }

    /**
     * Builds a {@link PolicyEngine}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<PolicyCheck> checks = new ArrayList<>();
        private final Set<String> excluded = new java.util.HashSet<>();
        private boolean discover = true;
        private ClassLoader classLoader;
        private Duration checkTimeout = DEFAULT_CHECK_TIMEOUT;
        private Suppressions suppressions = Suppressions.none();
        private Baseline baseline = Baseline.none();
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {
        }

        /**
         * Adds a check explicitly (it wins over a discovered check with the same id).
         *
         * @param check the check
         * @return this builder
         * @throws IllegalArgumentException if its id or rule ids are invalid
         */
        public Builder addCheck(PolicyCheck check) {
            Objects.requireNonNull(check, "check");
            String problem = CheckDiscovery.validate(check);
            if (problem != null) {
                throw new IllegalArgumentException("policy check " + check.getClass().getName() + ": " + problem);
            }
            checks.add(check);
            return this;
        }

        /**
         * Whether to discover checks with {@link java.util.ServiceLoader} (default on).
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder discoverChecks(boolean enabled) {
            this.discover = enabled;
            return this;
        }

        /**
         * Leaves out checks by id (explicit or discovered), e.g. a slow git-history scan.
         *
         * @param checkIds the ids of the checks not to run
         * @return this builder
         */
        public Builder excludeChecks(java.util.Collection<String> checkIds) {
            checkIds.forEach(id -> excluded.add(Objects.requireNonNull(id, "check id")));
            return this;
        }

        /**
         * The class loader for discovery.
         *
         * @param loader the loader, or {@code null} for the default
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /**
         * The deadline of each check.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder checkTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the check timeout must be positive");
            }
            this.checkTimeout = timeout;
            return this;
        }

        /**
         * The suppressions to apply.
         *
         * @param value the suppressions
         * @return this builder
         */
        public Builder suppressions(Suppressions value) {
            this.suppressions = Objects.requireNonNull(value, "suppressions");
            return this;
        }

        /**
         * The baseline: findings in it are not reported.
         *
         * @param value the baseline
         * @return this builder
         */
        public Builder baseline(Baseline value) {
            this.baseline = Objects.requireNonNull(value, "baseline");
            return this;
        }

        /**
         * The clock (for report times and suppression expiry).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Builds the engine (discovering checks now, if enabled).
         *
         * @return the engine
         */
        public PolicyEngine build() {
            return new PolicyEngine(this);
        }
    }
}
