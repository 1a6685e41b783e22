package dev.mcpsecrets.it.consumer;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.engine.PolicyGuard;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stdio MCP server on the official SDK that checks itself with the policy guard before it serves, as the
 * README's "Checking least privilege at startup" says, and gets its token through a reference.
 */
public final class ConsumerServer {
    private ConsumerServer() {
    }

    /**
     * Checks, resolves GITHUB_TOKEN, serves until stdin ends.
     *
     * @param args unused
     * @throws SecretException if the token cannot be had
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws SecretException, InterruptedException {
        PolicyGuard.enforce(SelfDeclaration.named("consumer-server").withReadOnly(true));   // throws PolicyViolationException
        Secret token;
        try (Secrets secrets = Secrets.builder().build()) {
            token = secrets.resolve("env:GITHUB_TOKEN");
        }
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        Tool status = Tool.builder("token_status", json, "{\"type\": \"object\", \"properties\": {}}")
                .description("The token's provider and length, never its value").build();
        CountDownLatch ended = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, System.out))
                .serverInfo("consumer-server", "1")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .tools(SyncToolSpecification.builder().tool(status)
                        .callHandler((exchange, request) -> CallToolResult.builder()
                                .addTextContent("token from " + token.providerId().orElse("?") + ": " + token.length()
                                        + " characters")
                                .isError(false).build())
                        .build())
                .build();
        ended.await();
        server.closeGracefully();
        token.destroy();
    }
}
