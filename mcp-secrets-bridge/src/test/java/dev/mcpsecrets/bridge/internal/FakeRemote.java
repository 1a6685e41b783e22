package dev.mcpsecrets.bridge.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote MCP server on 127.0.0.1 built on the JDK's HttpServer, speaking Streamable HTTP as the
 * specification describes it (JSON or SSE answers, a session id, 202 for notifications, 405 for GET),
 * with hooks to misbehave. Records every request with its headers and exact body bytes.
 */
final class FakeRemote implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Handles one exchange; returns normally after answering. */
    interface Handler {
        void handle(HttpExchange exchange, Request request) throws IOException;
    }

    static final String SESSION = "session-1f2e3d";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|[0-9]+)");
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Handler handler = FakeRemote::streamable;

    FakeRemote() throws IOException {
        this(0);
    }

    FakeRemote(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-remote");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
            requests.add(r);
            try {
                handler.handle(exchange, r);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    List<Request> posts() {
        return requests.stream().filter(r -> r.method().equals("POST")).toList();
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    static String method(String body) {
        Matcher m = METHOD.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The well-behaved server: initialize answered as JSON with a session id; notifications 202; other
     * requests answered on an SSE stream (a notification first, then the response); GET 405.
     */
    static void streamable(HttpExchange ex, Request r) throws IOException {
        if (!r.method().equals("POST")) {
            ex.sendResponseHeaders(405, -1);
            return;
        }
        String body = r.text();
        String id = id(body);
        String method = method(body);
        if (method != null && method.equals("initialize")) {
            ex.getResponseHeaders().set("Mcp-Session-Id", SESSION);
            json(ex, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"fake\",\"version\":\"1\"}}}");
            return;
        }
        if (id == null || method == null) {
            ex.sendResponseHeaders(202, -1);
            return;
        }
        sse(ex, "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n"
                + "data: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"echo\":\"" + method + "\"}}\n\n");
    }

    static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sse(HttpExchange ex, String events) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(events.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
