package dev.mcpsecrets.examples.files;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretMasker;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.engine.PolicyViolationException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stdio MCP server that gets its token through mcp-secrets and checks its own settings with
 * {@code PolicyGuard} before it serves: {@code java -jar files-mcp-server.jar --root DIR}, token from
 * the reference in {@code FILES_TOKEN_REF} (default {@code env:FILES_API_TOKEN}).
 *
 * <p>Exit codes: 2 bad arguments or a policy violation (the report is on stderr), 1 the token could
 * not be had. Stdout carries JSON-RPC only; every log line goes to stderr.
 */
public final class FilesServer {
    private static final Logger LOG = LoggerFactory.getLogger(FilesServer.class);

    private FilesServer() {
    }

    /**
     * Entry point.
     *
     * @param args {@code --root DIR}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        Settings settings;
        try {
            settings = Settings.from(args, env);
            SelfCheck.enforce(settings, env);
        } catch (IllegalArgumentException e) {
            LOG.error("not started: {}", e.getMessage());
            return 2;
        } catch (PolicyViolationException e) {
            LOG.error("not started: the policy check for profile {} failed (findings above); fix the settings and start again",
                    Profile.fromEnvironment(env, null));
            return 2;
        }
        Secret token;
        // the token is masked in every tool result for as long as the server holds it
        SecretMasker masker = SecretMasker.create();
        try (Secrets secrets = Secrets.builder().environment(env).masker(masker).build()) {
            token = secrets.resolve(settings.tokenReference());
        } catch (SecretException e) {
            LOG.error("not started: no token ({} - {})", e.reason(), e.getMessage());
            return 1;
        }
        LOG.info("serving {} read-only; {}", settings.root(), Tools.describe(token));
        serve(settings, token, masker, json);
        return 0;
    }

    private static void serve(Settings settings, Secret token, SecretMasker masker, McpJsonMapper json) {
        CountDownLatch ended = new CountDownLatch(1);
        McpSyncServer server = McpServer.sync(
                        new StdioServerTransportProvider(json, new EndOfInput(System.in, ended), System.out))
                .serverInfo("files-mcp-server", "0.1.0")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(Tools.all(settings, token, masker, json))
                .build();
        Thread stop = new Thread(() -> {
            server.closeGracefully();
            token.destroy();
        }, "files-mcp-server-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("client closed the connection; stopping");
        // answers still being written go out before the exit
        server.closeGracefully();
    }
}
