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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Powers an entry hands the model beyond its task, each seen in real configs.
 *
 * <ul>
 *   <li>{@code MCP-EXEC-001}: a server whose job is to run any shell command (Desktop Commander, shell and
 *       terminal servers): the model acts with every right of the user, so a prompt injection in any document it
 *       reads can run commands.</li>
 *   <li>{@code MCP-EXEC-002}: a server started by {@code docker run} with {@code --privileged},
 *       {@code --network host}, {@code --pid host} or the Docker socket mounted: the container's isolation is
 *       gone (the socket alone is root on the host).</li>
 *   <li>{@code MCP-EXEC-003}: Claude Desktop's {@code preferences.bypassPermissionsModeEnabled: true}, which lets
 *       Claude Code sessions of the app use tools without asking (the preference the app reads at session start:
 *       aaddrick/claude-desktop-debian#699).</li>
 * </ul>
 */
public final class ServerPowerCheck implements PolicyCheck {
    static final String SHELL = "MCP-EXEC-001";
    static final String CONTAINER = "MCP-EXEC-002";
    static final String BYPASS = "MCP-EXEC-003";
    /** Packages and commands whose tools run arbitrary shell commands (from their READMEs). */
    private static final Set<String> SHELL_SERVERS = Set.of("@wonderwhy-er/desktop-commander", "desktop-commander",
            "mcp-shell-server", "@mkusaka/mcp-shell-server", "mcp-server-shell", "shell-mcp-server",
            "@hdresearch/mcp-shell", "mcp-shell", "iterm-mcp", "mcp-server-commands", "@kevinwatt/shell-mcp",
            "super-shell-mcp", "cli-mcp-server", "mcp-terminal", "terminal-mcp");
    private static final Set<String> HOST_NAMESPACES = Set.of("--network=host", "--net=host", "--pid=host",
            "--ipc=host", "--uts=host", "--userns=host");

    @Override
    public String id() {
        return SHELL;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(SHELL, CONTAINER, BYPASS);
    }

    @Override
    public String description() {
        return "Unrestricted shells, containers without isolation and tool use without asking";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            if (config.client() == McpClient.CLAUDE_DESKTOP) {
                bypass(config, findings);
            }
            for (McpServer server : config.servers()) {
                List<JsonValue.StringValue> words = server.commandLine();
                shell(server, words, findings);
                if (!words.isEmpty() && baseName(words.get(0).value()).equals("docker")) {
                    container(server, words, findings);
                }
            }
        }
        return findings.stream();
    }

    private static void shell(McpServer server, List<JsonValue.StringValue> words, List<Finding> findings) {
        for (JsonValue.StringValue word : words) {
            String name = packageName(word.value());
            if (SHELL_SERVERS.contains(name)) {
                findings.add(Finding.builder(SHELL, Severity.HIGH)
                        .title("Server gives the model an unrestricted shell")
                        .message("Server '" + server.label() + "' runs " + name + ", whose tools run any command with "
                                + "your rights: a prompt injected through a web page, an issue or a file can read "
                                + "your keys and change your system")
                        .location(word.location())
                        .remediation("Prefer servers with narrow tools (filesystem with one project root, git, a "
                                + "database with a read-only user); if a shell is needed, run it in a container or "
                                + "VM without your home mounted, with the server's own allow-list of commands, and "
                                + "keep the client asking before each tool call.")
                        .fingerprintHint("shell:" + name)
                        .build());
                return;
            }
        }
    }

    private static void container(McpServer server, List<JsonValue.StringValue> words, List<Finding> findings) {
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i).value().strip().toLowerCase(Locale.ROOT);
            String next = i + 1 < words.size() ? words.get(i + 1).value().strip().toLowerCase(Locale.ROOT) : "";
            String what = null;
            if (w.equals("--privileged") || w.equals("--privileged=true")) {
                what = "--privileged gives the container every capability and the host's devices";
            } else if (HOST_NAMESPACES.contains(w) || ((w.equals("--network") || w.equals("--net")
                    || w.equals("--pid") || w.equals("--ipc")) && next.equals("host"))) {
                what = w.replace("=host", "") + " host shares the host's " + (w.startsWith("--n") ? "network (every "
                        + "local service, including databases bound to 127.0.0.1)" : "processes");
            } else if (((w.equals("-v") || w.equals("--volume") || w.equals("--mount")) && next.contains("docker.sock"))
                    || ((w.startsWith("-v=") || w.startsWith("--volume=") || w.startsWith("--mount="))
                            && w.contains("docker.sock"))) {
                what = "the Docker socket is mounted, which is root on the host";
            }
            if (what != null) {
                findings.add(Finding.builder(CONTAINER, Severity.HIGH)
                        .title("Container of a server without isolation")
                        .message("Server '" + server.label() + "' is started in Docker, but " + what)
                        .location(words.get(i).location())
                        .remediation("Drop the flag: publish only the ports the server needs (-p), mount only its "
                                + "project directory (read-only where it only reads), and never the Docker socket.")
                        .fingerprintHint("docker:" + w)
                        .build());
            }
        }
    }

    private static void bypass(McpConfigFile config, List<Finding> findings) {
        config.document().root().flatMap(JsonValue::asObject).flatMap(r -> r.getObject("preferences"))
                .flatMap(p -> p.get("bypassPermissionsModeEnabled"))
                .filter(v -> v instanceof JsonValue.BooleanValue b && b.value())
                .ifPresent(v -> findings.add(Finding.builder(BYPASS, Severity.HIGH)
                        .title("Tools run without asking")
                        .message("The Claude Desktop config enables bypassPermissionsModeEnabled: Claude Code sessions "
                                + "of the app may run every tool, MCP tools included, without asking, so nothing "
                                + "stands between a prompt injection and its effect")
                        .location(v.location())
                        .remediation("Switch \"Allow bypass permissions mode\" off in Settings (or set "
                                + "\"bypassPermissionsModeEnabled\": false) and allow only the tools you trust, one "
                                + "by one.")
                        .fingerprintHint("bypassPermissionsModeEnabled")
                        .build()));
    }

    /** {@code @scope/name@1.2.3} → {@code @scope/name}; {@code /x/bin/desktop-commander} → its base name. */
    static String packageName(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        int at = w.indexOf('@', 1);
        if (at > 0) {
            w = w.substring(0, at);
        }
        return w.startsWith("@") ? w : baseName(w);
    }

    private static String baseName(String path) {
        String p = path.replace('\\', '/');
        String base = p.substring(p.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return base.endsWith(".exe") ? base.substring(0, base.length() - 4) : base;
    }
}
