package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpClient;
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
    /**
     * The predefined variables VS Code and Cursor fill in MCP configs (VS Code's "Variables reference", Cursor's
     * "Config interpolation"): not environment variables.
     */
    private static final Set<String> EDITOR_VARIABLES = Set.of("workspaceFolder", "workspaceFolderBasename",
            "workspaceRoot", "userHome", "pathSeparator", "cwd", "file", "fileWorkspaceFolder", "relativeFile",
            "relativeFileDirname", "fileBasename", "fileBasenameNoExtension", "fileExtname", "fileDirname",
            "fileDirnameBasename", "lineNumber", "selectedText", "execPath", "defaultBuildTask");
    /**
     * The switch for audits whose environment is not the client's (CI checks of committed configs):
     * {@code MCP_SECRETS_UNSET_VARIABLES=low} reports unset variables as LOW; it is the default when {@code CI} is
     * set; {@code medium} keeps MEDIUM there too.
     */
    static final String SEVERITY_SWITCH = "MCP_SECRETS_UNSET_VARIABLES";

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
                Set<String> ownEnv = server.definition().getObject("env").map(e -> e.asMap().keySet())
                        .orElse(Set.of());
                for (JsonValue.StringValue value : server.credentialCarriers()) {
                    boolean isScript = script.isPresent() && script.get() == value;
                    ShellScript parsed = isScript ? ShellScript.parse(value.value()) : null;
                    // the entry's own env reaches the process, so a launcher expands it in its arguments; the client
                    // fills the env values themselves from its own environment
                    String pointer = value.location().jsonPointer();
                    Set<String> launcherEnv = pointer != null && pointer.contains("/env/") ? Set.of() : ownEnv;
                    for (References.Substitution s : References.substitutions(value.value())) {
                        String text = value.value().substring(s.start(), s.end());
                        if (isEditorVariable(config.client(), s)) {
                            continue;
                        }
                        String problem = clientProblem(config.client(), s, text, launcherEnv);
                        String key = problem == null ? s.kind() + ":" + s.name() : text;
                        boolean machine = problem == null;
                        if (machine) {
                            problem = problem(s, text.startsWith("${"), isScript, parsed, inputs, launcherEnv, context);
                        }
                        if (problem != null && reported.add(key)) {
                            findings.add(finding(config, server, value, s, text, problem, machine, context));
                        }
                    }
                }
            }
        }
        return findings.stream();
    }

    /**
     * What the client itself makes of a substitution, whatever the environment: the syntax each client expands
     * (Claude Code: {@code ${VAR}}, {@code ${VAR:-default}}; Gemini CLI: {@code $VAR}, {@code ${VAR}}; VS Code and
     * Cursor: {@code ${env:VAR}}, {@code ${input:id}} and their predefined variables), or null.
     */
    private static String clientProblem(McpClient client, References.Substitution s, String text, Set<String> ownEnv) {
        if (text.startsWith("${process.env.")) {
            return "${process.env.NAME} is JavaScript template syntax that no MCP client expands; the server gets "
                    + "the text as written (write " + (isEditor(client) ? "${env:NAME}" : "${NAME}") + ")";
        }
        if (s.kind().equals("input") && client != McpClient.VSCODE && client != McpClient.GENERIC) {
            return client.displayName() + " has no \"inputs\", so ${input:" + s.name() + "} reaches the server as "
                    + "written";
        }
        if (!isEditor(client) || !s.kind().equals("var") || !text.startsWith("${") || text.startsWith("${env:")
                || ownEnv.contains(s.name())) {
            return null;
        }
        return client.displayName() + " fills only ${env:" + s.name() + "}, ${input:…} and its predefined variables, "
                + "so ${" + s.name() + "} reaches the server as written";
    }

    /** VS Code and Cursor: they fill {@code ${env:NAME}}, {@code ${input:id}} and predefined variables only. */
    private static boolean isEditor(McpClient client) {
        return client == McpClient.VSCODE || client == McpClient.CURSOR;
    }

    private static boolean isEditorVariable(McpClient client, References.Substitution s) {
        return isEditor(client) && s.kind().equals("var")
                && EDITOR_VARIABLES.contains(s.name());
    }

    private static String problem(References.Substitution s, boolean braced, boolean isScript, ShellScript script,
            Set<String> inputs, Set<String> ownEnv, PolicyContext context) {
        if (s.kind().equals("input")) {
            return inputs.contains(s.name()) ? null : "no \"inputs\" entry has the id '" + s.name() + "'";
        }
        if (!s.kind().equals("var") || s.name().isEmpty() || s.hasDefault() || (!braced && !isScript)) {
            return null;
        }
        // a name the entry's own "env" sets reaches the server, and a launcher such as mcp-remote expands it there
        if (context.environment().containsKey(s.name()) || SESSION_VARIABLES.contains(s.name())
                || ownEnv.contains(s.name()) || (script != null && script.assigns(s.name()))) {
            return null;
        }
        return "the variable " + s.name() + " is not set in the environment of this audit (judged on this machine: "
                + "the client's own environment may differ)";
    }

    private static Set<String> inputIds(McpConfigFile config) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue.ObjectValue input : config.inputs()) {
            input.getString("id").ifPresent(id -> ids.add(id.value()));
        }
        return ids;
    }

    /** MEDIUM, or LOW for an unset variable where the audit's environment is not the client's (CI). */
    private static Severity severity(boolean machineDependent, PolicyContext context) {
        if (!machineDependent) {
            return Severity.MEDIUM;
        }
        String setting = context.environment().getOrDefault(SEVERITY_SWITCH, "");
        boolean ci = !context.environment().getOrDefault("CI", "").isEmpty()
                && !context.environment().get("CI").equalsIgnoreCase("false");
        return setting.equalsIgnoreCase("low") || (ci && !setting.equalsIgnoreCase("medium")) ? Severity.LOW
                : Severity.MEDIUM;
    }

    private static Finding finding(McpConfigFile config, McpServer server, JsonValue.StringValue value,
            References.Substitution s, String text, String problem, boolean machineDependent, PolicyContext context) {
        boolean unset = machineDependent && s.kind().equals("var");
        String name = text.startsWith("${process.env.") ? processEnvName(text) : s.name();
        String fix = !machineDependent
                ? "Write the reference in the syntax " + config.client().displayName() + " expands (see the message), or "
                        + "let mcp-secrets provide the value: mcp-secrets run --env " + name + "="
                        + Remediation.opReference(server, Optional.empty(), name) + " -- <server command>"
                : s.kind().equals("input")
                ? "Add {\"type\": \"promptString\", \"id\": \"" + s.name() + "\", \"description\": \"…\", "
                        + "\"password\": true} to \"inputs\"."
                : "Set " + s.name() + " where the client is started (GUI clients do not read ~/.zshrc), or let "
                        + "mcp-secrets provide it: mcp-secrets run --env " + s.name() + "="
                        + Remediation.opReference(server, Optional.empty(), s.name()) + " -- <server command>";
        return Finding.builder(ID, unset ? severity(true, context) : Severity.MEDIUM)
                .title("Reference the client cannot resolve")
                .message("Server '" + server.label() + "' in the " + config.client().configName() + " refers to "
                        + shown(s, text) + ", but " + problem
                        + (machineDependent ? "; the server would start with an empty value" : ""))
                .location(value.location())
                .remediation(fix)
                .fingerprintHint(machineDependent ? s.kind() + ":" + s.name() : shown(s, text))
                .build();
    }

    /**
     * A substitution as a message shows it: rebuilt from its name, never copied, since the text between the braces
     * may be anything, a pasted secret included.
     */
    private static String shown(References.Substitution s, String text) {
        if (text.startsWith("${process.env.")) {
            return "${process.env." + processEnvName(text) + "}";
        }
        if (s.kind().equals("input")) {
            return "${input:" + (s.name().matches("[A-Za-z0-9_.-]{1,64}") ? s.name() : "…") + "}";
        }
        return text.startsWith("${") ? "${" + (text.startsWith("${env:") ? "env:" : "") + s.name()
                + (s.hasDefault() ? ":-…" : "") + "}" : "$" + s.name();
    }

    /** The variable name of {@code ${process.env.NAME}}, or {@code NAME} when it is not one. */
    private static String processEnvName(String text) {
        String inner = text.substring("${process.env.".length(), text.length() - 1);
        return !inner.isEmpty() && inner.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                ? inner : "NAME";
    }
}
