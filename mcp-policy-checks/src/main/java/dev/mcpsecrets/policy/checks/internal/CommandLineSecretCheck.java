package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secrets on server command lines.
 *
 * <ul>
 *   <li>{@code MCP-CMD-001}: a plaintext secret in {@code args}, in an {@code sh -c "…"} script, or as
 *       the value of {@code --password=…} and similar flags: it is in the config file and in every
 *       process listing ({@code ps}) while the server runs.</li>
 *   <li>{@code MCP-CMD-002}: {@code $(security …)}, {@code $(op read …)}, {@code $(pass show …)} and similar inside
 *       {@code sh -c}: the secret stays out of the file (good) but passes through a shell and its
 *       quoting; {@code mcp-secrets run} does the same without a shell.</li>
 * </ul>
 */
public final class CommandLineSecretCheck implements PolicyCheck {
    static final String PLAINTEXT = "MCP-CMD-001";
    static final String SHELL_LOOKUP = "MCP-CMD-002";
    private static final Set<String> SECRET_TOOLS = Set.of("security", "op", "secret-tool", "pass", "gopass", "bw",
            "lpass", "vault", "keyring");
    private static final Pattern SECURITY_ARGS = Pattern.compile("-([sa])\\s+(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final Pattern OP_READ = Pattern.compile("op\\s+read\\s+[\"']?(op://[^\"'\\s]+)");
    private static final Pattern OP_ITEM = Pattern.compile(
            "op\\s+item\\s+get\\s+(\"[^\"]*\"|'[^']*'|\\S+).*?--fields?\\s+(?:label=)?([\\w.-]+)");

    /** {@code pass [show] [--] NAME}, optionally piped to a line selection. */
    private static final Pattern PASS_SHOW = Pattern.compile(
            "^pass(\\s+show)?(?:\\s+--)?\\s+([\"']?)([^\\s\"'|;&]+)\\2\\s*(\\|.*)?$");
    /** pass subcommands that print or change something other than one entry. */
    private static final Set<String> PASS_COMMANDS = Set.of("ls", "list", "find", "search", "grep", "insert", "add",
            "edit", "generate", "rm", "remove", "delete", "mv", "rename", "cp", "copy", "git", "help", "version", "init",
            "otp");
    /** {@code gopass show [-o] NAME [KEY]}. */
    private static final Pattern GOPASS_SHOW = Pattern.compile(
            "^gopass\\s+show\\s+(-o\\s+)?([\"']?)([^\\s\"'|;&]+)\\2(?:\\s+([\\w.-]+))?\\s*$");
    private static final Pattern HEAD_ONE = Pattern.compile("\\|\\s*head\\s+(?:-n\\s*1|-1)\\s*");
    private static final Pattern SED_LINE = Pattern.compile("\\|\\s*sed\\s+-n\\s+['\"]?(\\d+)p['\"]?\\s*");
    private static final Pattern TAIL_HEAD = Pattern.compile(
            "\\|\\s*tail\\s+-n\\s*\\+(\\d+)\\s*\\|\\s*head\\s+(?:-n\\s*1|-1)\\s*");
    /** Entry names as the {@code pass:} provider accepts them: relative, no {@code ..}, no leading dash. */
    private static final Pattern PASS_NAME = Pattern.compile("[\\w@.+=,-]+(/[\\w@.+=,-]+)*");

    private final ConfigSecrets secrets = ConfigSecrets.builtIn();

    @Override
    public String id() {
        return PLAINTEXT;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(PLAINTEXT, SHELL_LOOKUP);
    }

    @Override
    public String description() {
        return "Secrets in server command lines and sh -c wrappers";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Plaintext> all = secrets.find(context);
        for (Plaintext p : all) {
            if (p.place().onCommandLine()) {
                findings.add(plaintext(p, all, context));
            }
        }
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                ShellScript.scriptArgument(server.commandLine()).ifPresent(arg -> lookups(server,
                        Remediation.shapeOf(server, context.serverCatalog()), arg, all, findings));
            }
        }
        return findings.stream();
    }

    private static Finding plaintext(Plaintext p, List<Plaintext> all, PolicyContext context) {
        return Finding.builder(PLAINTEXT, p.knownFormat() ? Severity.CRITICAL : Severity.HIGH)
                .title("Secret on a server command line")
                .message("The " + p.where() + " holds a plaintext " + p.kind() + " (" + p.masked(context.fingerprinter())
                        + "); command lines are stored in the config and visible to every user in the process list")
                .location(p.carrier().location())
                .remediation(PlaintextSecretCheck.remediation(p, all))
                .fingerprintHint(p.name())
                .build();
    }

    private static void lookups(McpServer server, Optional<ServerShape> shape, JsonValue.StringValue arg,
            List<Plaintext> all, List<Finding> findings) {
        ShellScript script = ShellScript.parse(arg.value());
        List<String> refs = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        for (ShellScript.Assignment a : script.assignments()) {
            for (References.Substitution s : References.substitutions(a.value())) {
                String[] words = s.name().strip().split("\\s+");
                if (s.kind().equals("command") && SECRET_TOOLS.contains(words[0])) {
                    tools.add(words[0]);
                    refs.add(a.name() + "=" + reference(server, a.name(), s.name()));
                }
            }
        }
        if (refs.isEmpty()) {
            return;
        }
        List<String> command = Remediation.commandWithout(server, shape, all);
        findings.add(Finding.builder(SHELL_LOOKUP, Severity.LOW)
                .title("Secret fetched by a shell wrapper")
                .message("Server '" + server.label() + "' fetches " + refs.size() + " secret(s) with "
                        + String.join(", ", new java.util.LinkedHashSet<>(tools)) + " inside sh -c: nothing is stored in "
                        + "the file, but the value passes through shell quoting and a failed lookup still starts the "
                        + "server with an empty credential")
                .location(arg.location())
                .remediation("Let mcp-secrets resolve it without a shell (it fails before start when the secret is "
                        + "missing): " + Remediation.runLine(refs, command)
                        + "  — in the config: " + Remediation.runEntry(refs, command)
                        + "; move the other NAME=value words to \"env\"." + Remediation.placeholderNote(command))
                .build());
    }

    /** The reference that replaces a lookup command, e.g. keychain:mysql_root_password. */
    static String reference(McpServer server, String name, String command) {
        String c = command.strip();
        if (c.startsWith("security")) {
            String service = null;
            String account = null;
            Matcher m = SECURITY_ARGS.matcher(c);
            while (m.find()) {
                String v = m.group(2).replaceAll("^[\"']|[\"']$", "");
                if (m.group(1).equals("s")) {
                    service = v;
                } else {
                    account = v;
                }
            }
            if (service != null) {
                boolean literalAccount = account != null && !account.startsWith("$");
                return "keychain:" + service + (literalAccount ? "/" + account : "");
            }
        }
        String pass = passReference(c);
        if (pass != null) {
            return pass;
        }
        Matcher read = OP_READ.matcher(c);
        if (read.find()) {
            return read.group(1);
        }
        Matcher item = OP_ITEM.matcher(c);
        if (item.find()) {
            return "op://Private/" + item.group(1).replaceAll("^[\"']|[\"']$", "") + "/" + item.group(2);
        }
        return Remediation.opReference(server, Optional.empty(), name.toUpperCase(Locale.ROOT));
    }

    /** The {@code pass:} reference for a pass or gopass lookup, or {@code null} when it is not one we can name. */
    static String passReference(String command) {
        Matcher g = GOPASS_SHOW.matcher(command);
        if (g.matches()) {
            String entry = g.group(3);
            if (g.group(1) == null && g.group(4) == null) {
                return null;    // gopass show NAME prints every line
            }
            return passName(entry) ? "pass:" + entry + (g.group(4) != null ? "#" + g.group(4) : "") : null;
        }
        Matcher p = PASS_SHOW.matcher(command);
        if (!p.matches() || !passName(p.group(3)) || (p.group(1) == null && PASS_COMMANDS.contains(p.group(3)))) {
            return null;
        }
        String pipe = p.group(4);
        String entry = "pass:" + p.group(3);
        if (pipe == null || HEAD_ONE.matcher(pipe).matches()) {
            return entry;    // pass show prints the whole entry, but a one-line entry is the common case
        }
        Matcher sed = SED_LINE.matcher(pipe);
        if (sed.matches()) {
            return sed.group(1).equals("1") ? entry : entry + "#line=" + sed.group(1);
        }
        Matcher tail = TAIL_HEAD.matcher(pipe);
        if (tail.matches()) {
            return tail.group(1).equals("1") ? entry : entry + "#line=" + tail.group(1);
        }
        return null;
    }

    private static boolean passName(String name) {
        return PASS_NAME.matcher(name).matches() && !name.startsWith("-") && !name.contains("$")
                && !("/" + name + "/").contains("/../") && !("/" + name + "/").contains("/./");
    }
}
