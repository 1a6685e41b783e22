package dev.mcpsecrets.examples.files;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyGuard;
import dev.mcpsecrets.policy.PolicyReport;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.ConfigDiscovery;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonDialect;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.config.ServerCatalog;
import dev.mcpsecrets.policy.config.ServerShape;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the policy checks on this server's own settings before it serves anything: its settings are
 * described as the MCP client config entry that would start it, so the same rules apply as in
 * {@code mcp-secrets audit} (a root of {@code /} or the home directory, a token pasted where a
 * reference belongs, and the rest), plus the configs of this user and project.
 */
final class SelfCheck {
    /** Where findings about the settings point: the server's own settings, not a file on disk. */
    static final Path SETTINGS = Path.of("files-mcp-server.settings.json");
    private static final String JAR = "files-mcp-server.jar";
    /** The server only ever reads; the description says so the way the checks understand. */
    private static final String READ_ONLY = "--read-only";

    private SelfCheck() {
    }

    /**
     * Runs the guard; throws {@link dev.mcpsecrets.policy.PolicyViolationException} at high or above.
     */
    static PolicyReport enforce(Settings settings, Map<String, String> env, McpJsonMapper json) throws IOException {
        FileSystemView files = FileSystemView.ofProcess(env);
        List<McpConfigFile> configs = new ArrayList<>(ConfigDiscovery.readAll(files));
        configs.add(describe(settings, json));
        PolicyContext.Builder context = PolicyContext.builder().environment(env)
                .profile(Profile.fromEnvironment(env, null)).files(files).configs(configs)
                .serverCatalog(catalog());
        try {
            context.userFingerprinter();
        } catch (IOException e) {
            // a per-run key still compares values within this run
            org.slf4j.LoggerFactory.getLogger(SelfCheck.class).warn("per-run fingerprint key: {}", e.getMessage());
        }
        SelfDeclaration self = SelfDeclaration.named(settings.name()).withReadOnly(true)
                .withRoots(List.of(settings.root()), List.of())
                .withSecretReferences(Map.of("FILES_API_TOKEN", settings.tokenReference()));
        return PolicyGuard.builder().context(context.build()).self(self).build().check();
    }

    /** The client config entry that starts this server with these settings. */
    static McpConfigFile describe(Settings settings, McpJsonMapper json) throws IOException {
        Map<String, Object> entry = Map.of(
                "command", "java",
                "args", List.of("-jar", JAR, READ_ONLY, "--root", settings.root().toString()),
                "env", Map.of(Settings.TOKEN_REF_VARIABLE, settings.tokenReference()));
        String text = json.writeValueAsString(Map.of("mcpServers", Map.of(settings.name(), entry)));
        return McpConfigReader.fromDocument(JsonReader.parse(text, SETTINGS, JsonDialect.STRICT),
                McpClient.CLAUDE_CODE, ConfigScope.PROJECT);
    }

    /** The built-in server shapes plus this one: its roots follow the jar, its token variable is secret. */
    private static ServerCatalog catalog() {
        List<ServerShape> shapes = new ArrayList<>(ServerCatalog.builtIn().shapes());
        shapes.add(new ServerShape("files-example", "Files example", "filesystem", List.of(JAR), List.of(),
                List.of(Settings.TOKEN_REF_VARIABLE), List.of(), List.of(), List.of(), false, List.of(), true,
                List.of(READ_ONLY), List.of()));
        return ServerCatalog.of(shapes);
    }
}
