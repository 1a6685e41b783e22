package dev.mcpsecrets.examples.remote;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A remote MCP server on the official MCP Java SDK and embedded Tomcat, listening on 127.0.0.1, that
 * answers only requests carrying {@code Authorization: Bearer TOKEN}; the token it expects is read
 * through mcp-secrets. Clients reach it with {@code mcp-secrets bridge}, which adds the header from a
 * reference of their own:
 *
 * <pre>
 * java -jar remote-mcp-server.jar --port 8931 [--legacy-sse]     (token from REMOTE_MCP_TOKEN_REF, default env:REMOTE_MCP_TOKEN)
 * mcp-secrets bridge --header 'Authorization: Bearer {keychain:remote-mcp/token}' http://127.0.0.1:8931/mcp
 * </pre>
 *
 * <p>Streamable HTTP serves {@code /mcp}; with {@code --legacy-sse} it speaks only the HTTP+SSE transport of
 * 2024-11-05 ({@code GET /sse}, {@code POST /mcp/message}).
 */
public final class RemoteServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteServer.class);
    private static final String ECHO_SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
            + "\"required\":[\"text\"]}";

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Path baseDir;

    private RemoteServer(Tomcat tomcat, McpSyncServer server, Path baseDir) {
        this.tomcat = tomcat;
        this.server = server;
        this.baseDir = baseDir;
    }

    /**
     * Starts the server on 127.0.0.1.
     *
     * @param port the port, 0 for any free one
     * @param legacySse speak only HTTP+SSE (2024-11-05) instead of Streamable HTTP
     * @param token the bearer token every request must carry
     * @return the running server
     * @throws IOException when its working directory cannot be made or Tomcat cannot start
     */
    // the HTTP+SSE transport is deprecated in the SDK, which is why this example keeps a server of it: the
    // bridge must still reach such servers; Tomcat's *Decoded mapping methods are the ones its embedding docs use
    @SuppressWarnings("deprecation")
    public static RemoteServer start(int port, boolean legacySse, Secret token) throws IOException {
        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        HttpServlet transport;
        McpSyncServer server;
        if (legacySse) {
            HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder().jsonMapper(json)
                    .sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
            server = McpServer.sync(sse).serverInfo("remote-mcp-server", "0.1.0")
                    .capabilities(ServerCapabilities.builder().tools(false).build()).tools(tools(json)).build();
            transport = sse;
        } else {
            HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                    .jsonMapper(json).mcpEndpoint("/mcp").build();
            server = McpServer.sync(streamable).serverInfo("remote-mcp-server", "0.1.0")
                    .capabilities(ServerCapabilities.builder().tools(false).build()).tools(tools(json)).build();
            transport = streamable;
        }
        Path baseDir = Files.createTempDirectory("remote-mcp-server");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "mcp");
        FilterDef bearer = new FilterDef();
        bearer.setFilterName("bearer");
        bearer.setFilter(new BearerFilter(token.revealUtf8()));
        bearer.setAsyncSupported("true");
        context.addFilterDef(bearer);
        FilterMap map = new FilterMap();
        map.setFilterName("bearer");
        map.addURLPatternDecoded("/*");
        context.addFilterMap(map);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IOException("Tomcat did not start on 127.0.0.1:" + port, e);
        }
        return new RemoteServer(tomcat, server, baseDir);
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() {
        server.closeGracefully();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.debug("stopping Tomcat failed", e);
        }
        try (var files = Files.walk(baseDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}", baseDir);
        }
    }

    private static List<SyncToolSpecification> tools(McpJsonMapper json) {
        Tool echo = Tool.builder("echo", json, ECHO_SCHEMA).description("Answer with the text it was given").build();
        return List.of(SyncToolSpecification.builder().tool(echo)
                .callHandler((exchange, request) -> CallToolResult.builder()
                        .addTextContent("echo: " + request.arguments().get("text")).build())
                .build());
    }

    /** 401 for every request without the expected bearer token; compared in constant time. */
    private static final class BearerFilter implements Filter {
        private final byte[] expected;

        BearerFilter(byte[] token) {
            byte[] prefix = "Bearer ".getBytes(StandardCharsets.UTF_8);
            expected = new byte[prefix.length + token.length];
            System.arraycopy(prefix, 0, expected, 0, prefix.length);
            System.arraycopy(token, 0, expected, prefix.length, token.length);
            java.util.Arrays.fill(token, (byte) 0);
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, expected)) {
                HttpServletResponse http = (HttpServletResponse) response;
                http.setHeader("WWW-Authenticate", "Bearer");
                http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Entry point: {@code --port N} (default 8931), {@code --legacy-sse}; the token from the reference in
     * {@code REMOTE_MCP_TOKEN_REF} (default {@code env:REMOTE_MCP_TOKEN}).
     *
     * @param args the arguments
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        int port = 8931;
        boolean legacy = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--legacy-sse" -> legacy = true;
                default -> {
                    LOG.error("unknown argument at position {}; usage: [--port N] [--legacy-sse]", i + 1);
                    System.exit(2);
                }
            }
        }
        Map<String, String> env = System.getenv();
        Secret token;
        try (Secrets secrets = Secrets.builder().environment(env).build()) {
            token = secrets.resolve(env.getOrDefault("REMOTE_MCP_TOKEN_REF", "env:REMOTE_MCP_TOKEN"));
        } catch (SecretException e) {
            LOG.error("not started: no token ({} - {})", e.reason(), e.getMessage());
            System.exit(1);
            return;
        }
        RemoteServer server = start(port, legacy, token);
        token.destroy();
        LOG.info("serving MCP on http://127.0.0.1:{}{}", server.port(), legacy ? "/sse (HTTP+SSE)" : "/mcp");
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        forever.await();
    }
}
