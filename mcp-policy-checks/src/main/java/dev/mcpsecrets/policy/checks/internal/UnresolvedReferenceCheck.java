package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code MCP-SEC-003}: a reference the client cannot fill: {@code ${VAR}} (or {@code $VAR} inside
 * {@code sh -c}) with the variable unset in the environment the client sees, or {@code ${input:id}}
 * without a matching {@code inputs} entry. The server then starts with an empty credential, the
 * classic "Claude Desktop does not see my shell variables" failure.
 */
public final class UnresolvedReferenceCheck implements PolicyCheck {
    static final String ID = "MCP-SEC-003";
    /** Variables every login session has; a wrapper may use them without the client passing them. */
    private static final Set<String> SESSION_VARIABLES = Set.of("HOME", "USER", "LOGNAME", "PATH", "SHELL", "PWD",
            "TMPDIR", "HOSTNAME", "UID", "LANG", "TERM");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "References to variables or inputs the client cannot fill";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            Set<String> inputs = inputIds(config);
            for (McpServer server : config.servers()) {
                Optional<JsonValue.StringValue> script = ShellScript.scriptArgument(server.commandLine());
                Set<String> reported = new LinkedHashSet<>();
                for (JsonValue.StringValue value : server.credentialCarriers()) {
                    boolean isScript = script.isPresent() && script.get() == value;
                    ShellScript parsed = isScript ? ShellScript.parse(value.value()) : null;
                    for (References.Substitution s : References.substitutions(value.value())) {
                        boolean braced = value.value().startsWith("${", s.start());
                        String problem = problem(s, braced, isScript, parsed, inputs, context);
                        if (problem != null && reported.add(s.kind() + ":" + s.name())) {
                            findings.add(finding(config, server, value, s, problem));
                        }
                    }
                }
            }
        }
        return findings.stream();
    }

    private static String problem(References.Substitution s, boolean braced, boolean isScript, ShellScript script,
            Set<String> inputs, PolicyContext context) {
        if (s.kind().equals("input")) {
            return inputs.contains(s.name()) ? null : "no \"inputs\" entry has the id '" + s.name() + "'";
        }
        if (!s.kind().equals("var") || s.name().isEmpty() || s.hasDefault() || (!braced && !isScript)) {
            return null;
        }
        if (context.environment().containsKey(s.name()) || SESSION_VARIABLES.contains(s.name())
                || (script != null && script.assigns(s.name()))) {
            return null;
        }
        return "the variable " + s.name() + " is not set in the environment the client sees";
    }

    private static Set<String> inputIds(McpConfigFile config) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue.ObjectValue input : config.inputs()) {
            input.getString("id").ifPresent(id -> ids.add(id.value()));
        }
        return ids;
    }

    private static Finding finding(McpConfigFile config, McpServer server, JsonValue.StringValue value,
            References.Substitution s, String problem) {
        String fix = s.kind().equals("input")
                ? "Add {\"type\": \"promptString\", \"id\": \"" + s.name() + "\", \"description\": \"…\", "
                        + "\"password\": true} to \"inputs\"."
                : "Set " + s.name() + " where the client is started (GUI clients do not read ~/.zshrc), or let "
                        + "mcp-secrets provide it: mcp-secrets run --env " + s.name() + "="
                        + Remediation.opReference(server, Optional.empty(), s.name()) + " -- <server command>";
        return Finding.builder(ID, Severity.MEDIUM)
                .title("Reference the client cannot resolve")
                .message("Server '" + server.label() + "' in the " + config.client().configName() + " refers to "
                        + (s.kind().equals("input") ? "${input:" + s.name() + "}" : "$" + s.name()) + ", but " + problem
                        + "; the server would start with an empty value")
                .location(value.location())
                .remediation(fix)
                .fingerprintHint(s.kind() + ":" + s.name())
                .build();
    }
}
