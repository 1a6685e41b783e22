package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.ParseProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Config files the client cannot load, or loads differently than it looks. The worked example of a
 * {@link PolicyCheck}: see the module README.
 *
 * <ul>
 *   <li>{@code MCP-CFG-001}: the file is not valid JSON (or unreadable); nothing in it was checked.</li>
 *   <li>{@code MCP-CFG-002}: a comment or trailing comma in a config its client reads as strict
 *       JSON; the client fails to load it.</li>
 *   <li>{@code MCP-CFG-003}: a member name given twice; the last one silently wins.</li>
 * </ul>
 */
public final class ConfigSyntaxCheck implements PolicyCheck {
    static final String INVALID = "MCP-CFG-001";
    static final String RELAXED_SYNTAX = "MCP-CFG-002";
    static final String DUPLICATE_KEY = "MCP-CFG-003";

    @Override
    public String id() {
        return INVALID;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(INVALID, RELAXED_SYNTAX, DUPLICATE_KEY);
    }

    @Override
    public String description() {
        return "MCP client configs that are not valid in the client's JSON dialect";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            for (ParseProblem problem : firstOfEachKind(config.document().problems())) {
                findings.add(finding(config, problem, count(config, problem.kind())));
            }
        }
        return findings.stream();
    }

    /** One finding per kind and file: a file with fifty comments needs one fix, not fifty alerts. */
    private static List<ParseProblem> firstOfEachKind(List<ParseProblem> problems) {
        List<ParseProblem> firsts = new ArrayList<>();
        for (ParseProblem p : problems) {
            boolean perValue = p.kind() == ParseProblem.Kind.DUPLICATE_KEY;
            if (perValue || firsts.stream().noneMatch(f -> f.kind() == p.kind())) {
                firsts.add(p);
            }
        }
        return firsts;
    }

    private static long count(McpConfigFile config, ParseProblem.Kind kind) {
        return config.document().problems().stream().filter(p -> p.kind() == kind).count();
    }

    private static Finding finding(McpConfigFile config, ParseProblem problem, long count) {
        String client = config.client().displayName();
        String more = count > 1 ? " (" + (count - 1) + " more in this file)" : "";
        switch (problem.kind()) {
            case COMMENT:
            case TRAILING_COMMA:
                String what = problem.kind() == ParseProblem.Kind.COMMENT ? "a comment" : "a trailing comma";
                return Finding.builder(RELAXED_SYNTAX, Severity.MEDIUM)
                        .title("Config is not strict JSON")
                        .message(client + " reads this file as strict JSON and will not load it: it has " + what + more)
                        .location(problem.location())
                        .remediation(problem.kind() == ParseProblem.Kind.COMMENT
                                ? "Remove the comments; keep notes in a README next to the config."
                                : "Remove the comma before the closing bracket.")
                        .fingerprintHint(problem.kind().name())
                        .build();
            case DUPLICATE_KEY:
                return Finding.builder(DUPLICATE_KEY, Severity.LOW)
                        .title("Duplicate member in config")
                        .message(problem.message() + "; an earlier value is silently ignored by " + client)
                        .location(problem.location())
                        .remediation("Keep one entry with this name and delete the other.")
                        .build();
            default:
                String dialect = config.client().dialect() == JsonDialect.STRICT ? "JSON" : "JSON with comments";
                String cause = problem.kind() == ParseProblem.Kind.SYNTAX_ERROR
                        ? "is not valid " + dialect + ": " + problem.message() : problem.message();
                return Finding.builder(INVALID, Severity.HIGH)
                        .title("Config cannot be read")
                        .message(client + " config " + cause + "; none of its servers could be checked")
                        .location(problem.location())
                        .remediation(problem.kind() == ParseProblem.Kind.SYNTAX_ERROR
                                ? "Fix the syntax at the position shown (e.g. check it with `python3 -m json.tool "
                                        + "<file>`), then run the audit again."
                                : "Audit a readable regular file within the limits (32 MiB, nesting depth 512; "
                                        + "named pipes and devices are not read), or leave this path out.")
                        .fingerprintHint(problem.kind().name())
                        .build();
        }
    }
}
