package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the startup guard's findings by what they are about: the server itself (its declaration and
 * the config entries that start it), other servers' entries, the machine, the history, live systems.
 */
final class GuardScopes {
    /** What the guard does with a finding. */
    public enum Verdict {
        /** May refuse the start. */
        JUDGED,
        /** Logged, never refusing. */
        WARNED,
        /** Outside what the guard was asked to look at. */
        IGNORED
    }

    private final Map<String, Set<PolicyScope>> byRule = new HashMap<>();
    private final Map<String, Set<PolicyScope>> byCheck = new HashMap<>();
    private final Set<Path> configFiles = new HashSet<>();
    private final List<McpServer> own;
    private final Set<PolicyScope> refuseOn;
    private final Set<PolicyScope> warnOn;

    /**
     * Prepares the sorting.
     *
     * @param checks the checks that ran
     * @param context the context they ran in
     * @param refuseOn the scopes that may refuse ({@code SELF} covers the server's own entries)
     * @param warnOn the scopes only logged
     */
    public GuardScopes(List<PolicyCheck> checks, PolicyContext context, Set<PolicyScope> refuseOn,
            Set<PolicyScope> warnOn) {
        for (PolicyCheck c : checks) {
            byCheck.put(c.id(), c.scopes());
            for (String rule : c.ruleIds()) {
                byRule.computeIfAbsent(rule, r -> EnumSet.noneOf(PolicyScope.class)).addAll(c.scopes());
            }
        }
        for (McpConfigFile config : context.configs()) {
            configFiles.add(config.path().toAbsolutePath().normalize());
        }
        this.own = OwnEntries.of(context);
        this.refuseOn = refuseOn;
        this.warnOn = warnOn;
    }

    /**
     * What to do with a finding.
     *
     * @param f the finding
     * @return the verdict
     */
    public Verdict verdict(Finding f) {
        if (EngineFindings.CHECK_FAILED.equals(f.ruleId())) {
            // a check that could not finish fails closed in the scopes that may refuse
            Set<PolicyScope> scopes = failedCheckScopes(f);
            if (scopes.stream().anyMatch(refuseOn::contains)
                    || scopes.contains(PolicyScope.CONFIG) && refuseOn.contains(PolicyScope.SELF)) {
                return Verdict.JUDGED;
            }
            return Verdict.WARNED;
        }
        if (EngineFindings.RULE_IDS.contains(f.ruleId())) {
            return Verdict.JUDGED; // the guard's own suppressions
        }
        PolicyScope scope = scopeOf(f);
        if (scope == PolicyScope.CONFIG && OwnEntries.concerns(f, own)) {
            scope = PolicyScope.SELF;
        }
        if (refuseOn.contains(scope)) {
            return Verdict.JUDGED;
        }
        return warnOn.contains(scope) ? Verdict.WARNED : Verdict.IGNORED;
    }

    /**
     * Why a finding is only a warning, for the log line.
     *
     * @param f the finding
     * @return e.g. {@code another server's entry}
     */
    public String describe(Finding f) {
        PolicyScope scope = EngineFindings.CHECK_FAILED.equals(f.ruleId()) ? null : scopeOf(f);
        if (scope == null) {
            return "a check outside the judged scopes";
        }
        return switch (scope) {
            case CONFIG -> f.location().jsonPointer() == null || f.location().jsonPointer().isEmpty()
                    ? "a client config that holds no entry of this server" : "another server's entry";
            case MACHINE -> "files on this machine";
            case HISTORY -> "git history";
            case LIVE -> "a live probe";
            case SELF -> "the server's own settings";
        };
    }

    private PolicyScope scopeOf(Finding f) {
        Set<PolicyScope> scopes = byRule.getOrDefault(f.ruleId(), Set.of(PolicyScope.CONFIG));
        if (scopes.size() == 1) {
            return scopes.iterator().next();
        }
        Path file = f.location().file();
        if (file == null && scopes.contains(PolicyScope.SELF)) {
            return PolicyScope.SELF;
        }
        if (file != null && scopes.contains(PolicyScope.CONFIG)
                && configFiles.contains(file.toAbsolutePath().normalize())) {
            return PolicyScope.CONFIG;
        }
        for (PolicyScope s : List.of(PolicyScope.LIVE, PolicyScope.HISTORY, PolicyScope.MACHINE)) {
            if (scopes.contains(s)) {
                return s;
            }
        }
        return PolicyScope.CONFIG;
    }

    private Set<PolicyScope> failedCheckScopes(Finding f) {
        String prefix = "check ";
        String message = f.message();
        if (message.startsWith(prefix)) {
            int end = message.indexOf(' ', prefix.length());
            String id = end < 0 ? message.substring(prefix.length()) : message.substring(prefix.length(), end);
            Set<PolicyScope> scopes = byCheck.get(id);
            if (scopes != null) {
                return scopes;
            }
        }
        return Set.of(PolicyScope.SELF);
    }
}
