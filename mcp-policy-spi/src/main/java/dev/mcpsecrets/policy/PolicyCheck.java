package dev.mcpsecrets.policy;

import java.util.Set;
import java.util.stream.Stream;

/**
 * A least-privilege rule (or a few related rules) checked against a {@link PolicyContext}.
 * Implementations are discovered with {@link java.util.ServiceLoader}: declare them with
 * {@code provides dev.mcpsecrets.policy.PolicyCheck with ...} in {@code module-info.java} and in
 * {@code META-INF/services/dev.mcpsecrets.policy.PolicyCheck}. A plugin that fails to load is
 * logged and skipped.
 *
 * <p>Contract (tested by the TCK's {@code PolicyCheckContract}):
 * <ul>
 *   <li>{@link #id()} and {@link #ruleIds()} are stable across versions, since suppressions,
 *       baselines and code-scanning alerts refer to them;</li>
 *   <li>every finding's rule id is one of {@link #ruleIds()};</li>
 *   <li>no finding contains a secret value (use {@link ValueShape} and
 *       {@link KeyedFingerprinter});</li>
 *   <li>the same input gives the same findings in the same order;</li>
 *   <li>the constructor is cheap and does no I/O; {@link #run(PolicyContext)} reads only through the
 *       context (its file-system view, environment and configs) and never contacts the network unless
 *       its {@link #scopes()} hold {@link PolicyScope#LIVE} and the context allows it;</li>
 *   <li>{@link #scopes()} names everything the check looks at, so the startup guard can leave out (or
 *       only warn about) what a server does not own;</li>
 *   <li>the check honours thread interruption: the engine interrupts it at its deadline.</li>
 * </ul>
 * A check that throws anyway is reported by the engine as an error finding, never ignored.
 *
 * @since 0.1
 */
public interface PolicyCheck {

    /**
     * The check's id, which is also its main rule id, e.g. {@code MCP-FS-001}.
     *
     * @return a stable id matching {@link Finding#RULE_ID}
     */
    String id();

    /**
     * Every rule id this check may report. Each one has its help text in the resource
     * {@code META-INF/mcp-policy/rules/<ID>.md} (built from {@code docs/rules/<ID>.md}).
     *
     * @return the rule ids; by default just {@link #id()}
     */
    default Set<String> ruleIds() {
        return Set.of(id());
    }

    /**
     * One line saying what the check looks for, shown in listings.
     *
     * @return the description; by default the id
     */
    default String description() {
        return id();
    }

    /**
     * What the check looks at. The engine runs a check only when one of its scopes is enabled in the
     * context ({@link PolicyContext#scopes()}); a check with {@link PolicyScope#LIVE} runs only when
     * {@link PolicyContext#liveProbesAllowed()} is true, and contacts only the hosts it allows. A check
     * that looks at several things reads each part only when {@link PolicyContext#inScope} says so.
     *
     * @return a non-empty set; by default {@link PolicyScope#CONFIG}
     * @since 0.2
     */
    default Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    /**
     * Runs the check. The stream is consumed by the engine under the check's deadline.
     *
     * @param context what to check
     * @return the findings, in a deterministic order; empty when all is well
     */
    Stream<Finding> run(PolicyContext context);
}
