package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.bridge.BridgeException;
import dev.mcpsecrets.bridge.McpBridge;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mcp-secrets bridge}: the command-line face of {@link McpBridge}. Only this class names the
 * bridge module, and only the {@code bridge} command loads it, so no other command pays for it.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Be a stdio MCP server that forwards every message unchanged to a remote MCP server "
                + "(Streamable HTTP, or HTTP+SSE when that is all it speaks), adding headers whose values come from "
                + "secret references: {REF} is the secret REF names, $${VAR} an environment variable, {{ and }} literal "
                + "braces. Values are resolved at start (again on 401/403) and never appear in argv or logs.",
            "Plain http:// is refused for any host but this machine; a redirect to another origin is not followed."},
        footer = {"", "Examples:",
            "  mcp-secrets bridge --header 'Authorization: Bearer {op://Private/Notion/token}' https://mcp.example.com/mcp",
            "  mcp-secrets bridge --header 'Authorization: Bearer {dotenv:/home/me/.mcp.env#NOTION_TOKEN}' https://mcp.example.com/mcp",
            "  mcp-secrets trust .mcp.json && mcp-secrets bridge --config .mcp.json --server notion",
            "", "In a client config:",
            "  {\"command\": \"/abs/path/mcp-secrets\", \"args\": [\"bridge\", \"--header\",",
            "   \"Authorization: Bearer {keychain:notion/token}\", \"https://mcp.example.com/mcp\"]}",
            "", "Exit codes: 0 the client closed stdin; 1 a secret could not be had; 2 usage (bad header, reference, "
                + "URL, insecure http://, untrusted config); 3 the server rejected the credentials (401/403); "
                + "4 the server could not be reached, speaks no MCP transport, redirected elsewhere or ended the session."})
final class BridgeCommand extends EnvironmentCommand implements Callable<Integer> {
    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Add this header to every request (repeatable); VALUE may hold {REF} and $${VAR}.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "MCP client config whose entry --server gives the url and headers; must be trusted.")
    Path config;

    @Option(names = "--server", paramLabel = "NAME", description = "Entry of --config to bridge to.")
    String server;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "${COMPLETION-CANDIDATES} or another name (default: MCP_SECRETS_PROFILE, CLAUDE_ENV, "
                    + "development).")
    Profile profile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up resolving the references after this many seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds = 30;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Retry a connection that cannot be made, with backoff, for this long (default: ${DEFAULT-VALUE}).")
    double connectSeconds = 10;

    @Parameters(paramLabel = "URL", arity = "0..1", description = "The remote MCP server (https://…).")
    String url;

    @Override
    public Integer call() throws InterruptedException {
        if (!(timeoutSeconds > 0) || !(connectSeconds > 0)) {
            throw new CliException(Main.USAGE, "--timeout and --connect-timeout must be positive");
        }
        McpBridge.Builder builder = McpBridge.builder(target());
        if (config != null) {
            RemoteEntry entry = entry();
            entry.headers().forEach(builder::header);
        }
        headers.forEach(builder::headerLine);
        try (Secrets secrets = SecretsFactory.create(environment, profile, Duration.ofMillis((long) (timeoutSeconds * 1000)))) {
            McpBridge bridge = builder.secrets(secrets)
                    .connectDeadline(Duration.ofMillis((long) (connectSeconds * 1000))).build();
            // stdout carries only protocol messages: the bridge writes bytes there, nothing else does
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            bridge.run(new FileInputStream(FileDescriptor.in), out);
            return Main.OK;
        } catch (BridgeException e) {
            throw new CliException(e.exit().code(), "bridge: " + e.getMessage());
        }
    }

    private String target() {
        if (config == null && server != null) {
            throw new CliException(Main.USAGE, "--server needs --config FILE");
        }
        if (config != null) {
            if (server == null) {
                throw new CliException(Main.USAGE, "--config needs --server NAME");
            }
            if (url != null) {
                throw new CliException(Main.USAGE, "give the URL either on the command line or in --config, not both");
            }
            return entry().url();
        }
        if (url == null) {
            throw new CliException(Main.USAGE, "missing URL; usage: mcp-secrets bridge [--header 'NAME: VALUE']... URL");
        }
        return url;
    }

    private RemoteEntry cached;

    /** The --config entry, read from bytes that are trusted, once. */
    private RemoteEntry entry() {
        if (cached == null) {
            TrustStore.Snapshot trusted = TrustedConfig.snapshot(config, environment, Main.USAGE);
            McpConfigFile file = McpConfigReader.parse(trusted.content(), WorkingDirectory.absolute(config),
                    ConfigScope.USER);
            cached = RemoteEntry.of(file, server, Main.USAGE);
        }
        return cached;
    }
}
