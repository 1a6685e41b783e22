package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.engine.internal.Throwables;

import dev.mcpsecrets.policy.engine.CheckRun;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks in parallel, each on its own daemon thread under a common deadline. A check that
 * throws, passes the deadline or reports an invalid finding yields an error finding instead of a
 * crash or silence.
 */
final class CheckRunner {
    /** More findings than this from one check are dropped (and the drop is logged). */
    public static final int MAX_FINDINGS_PER_CHECK = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    /**
     * What running one check produced.
     *
     * @param run how it went
     * @param findings its findings plus any error finding about it
     */
    public record Outcome(CheckRun run, List<Finding> findings) {
    }

    /** Filled by the worker thread; read after join, which orders the writes before the reads. */
    private static final class Slot {
        final PolicyCheck check;
        final Thread thread;
        final long startNanos = System.nanoTime();
        List<Finding> findings;
        Throwable error;
        String invalid;
        long endNanos;

        Slot(PolicyCheck check, PolicyContext context) {
            this.check = check;
            this.thread = new Thread(() -> work(context), "mcp-policy-" + check.id());
            this.thread.setDaemon(true);
        }

        private void work(PolicyContext context) {
            try {
                collect(context);
            } catch (Throwable t) { // any failure of foreign code becomes a finding, never a crash
                error = t;
            } finally {
                endNanos = System.nanoTime();
            }
        }

        private void collect(PolicyContext context) {
            Set<String> declared = check.ruleIds();
            List<Finding> out = new ArrayList<>();
            // assigned first so the findings reported before a failure are kept
            findings = out;
            try (Stream<Finding> stream = check.run(context)) {
                if (stream == null) {
                    invalid = "returned no stream";
                    return;
                }
                Iterator<Finding> it = stream.iterator();
                while (it.hasNext()) {
                    Finding f = it.next();
                    if (f == null || !declared.contains(f.ruleId())) {
                        invalid = f == null ? "reported a null finding"
                                : "reported rule " + f.ruleId() + ", which is not among its declared rule ids";
                        continue;
                    }
                    if (out.size() == MAX_FINDINGS_PER_CHECK) {
                        LOG.warn("check {} reported more than {} findings; the rest are dropped", check.id(),
                                MAX_FINDINGS_PER_CHECK);
                        break;
                    }
                    out.add(f);
                }
            }
        }
    }

    private CheckRunner() {
    }

    /**
     * Runs the checks.
     *
     * @param checks the checks
     * @param context the context
     * @param timeout the deadline of each check, counted from the common start
     * @return one outcome per check, in the order of {@code checks}
     */
    public static List<Outcome> runAll(List<PolicyCheck> checks, PolicyContext context, Duration timeout) {
        List<Slot> slots = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (PolicyCheck check : checks) {
            if (skipReason(check, context) != null) {
                continue;
            }
            Slot slot = new Slot(check, context);
            slot.thread.start();
            slots.add(slot);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (PolicyCheck check : checks) {
            Slot slot = slots.stream().filter(s -> s.check == check).findFirst().orElse(null);
            if (slot == null) {
                outcomes.add(new Outcome(new CheckRun(check.id(), CheckRun.Status.SKIPPED, Duration.ZERO, 0,
                        skipReason(check, context)), List.of()));
                continue;
            }
            outcomes.add(await(slot, deadline, timeout));
        }
        return outcomes;
    }

    /** Why a check does not run in this context, or {@code null} when it runs. */
    private static String skipReason(PolicyCheck check, PolicyContext context) {
        Set<PolicyScope> scopes = check.scopes();
        if (scopes.stream().noneMatch(context::inScope)) {
            return "scope " + scopes + " not enabled";
        }
        if (scopes.contains(PolicyScope.LIVE) && !context.liveProbesAllowed()) {
            return "live probes are not allowed";
        }
        return null;
    }

    private static Outcome await(Slot slot, long deadline, Duration timeout) {
        String id = slot.check.id();
        try {
            long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            slot.thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (slot.thread.isAlive()) {
            slot.thread.interrupt();
            LOG.warn("check {} did not finish within {} ms; interrupted and reported as an error finding", id,
                    timeout.toMillis());
            Duration took = Duration.ofNanos(System.nanoTime() - slot.startNanos);
            return new Outcome(new CheckRun(id, CheckRun.Status.TIMED_OUT, took, 1, "deadline " + timeout.toMillis() + " ms"),
                    List.of(EngineFindings.checkFailed(id, "did not finish within " + timeout.toMillis() + " ms")));
        }
        Duration took = Duration.ofNanos(slot.endNanos - slot.startNanos);
        if (slot.error != null) {
            String detail = Throwables.describe(slot.error);
            LOG.warn("check {} failed: {}", id, detail);
            List<Finding> findings = new ArrayList<>(slot.findings == null ? List.of() : slot.findings);
            findings.add(EngineFindings.checkFailed(id, "threw " + slot.error.getClass().getName()));
            return new Outcome(new CheckRun(id, CheckRun.Status.FAILED, took, findings.size(), detail), findings);
        }
        List<Finding> findings = new ArrayList<>(slot.findings);
        if (slot.invalid != null) {
            LOG.warn("check {} {}", id, slot.invalid);
            findings.add(EngineFindings.checkFailed(id, slot.invalid));
            return new Outcome(new CheckRun(id, CheckRun.Status.FAILED, took, findings.size(), slot.invalid), findings);
        }
        return new Outcome(new CheckRun(id, CheckRun.Status.OK, took, findings.size(), ""), findings);
    }
}
