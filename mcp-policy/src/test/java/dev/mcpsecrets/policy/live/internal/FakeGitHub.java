package dev.mcpsecrets.policy.live.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake GitHub REST API on 127.0.0.1: {@code GET /user} answers per token with the headers GitHub
 * documents ({@code X-OAuth-Scopes}, {@code X-Accepted-OAuth-Scopes},
 * {@code github-authentication-token-expiration}, rate-limit headers).
 */
final class FakeGitHub implements AutoCloseable {
    /** One canned answer. */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Integer, Reply>> byToken = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    FakeGitHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers requests with this token; the function gets the 1-based number of the request for it. */
    void on(String token, Function<Integer, Reply> reply) {
        byToken.put(token, reply);
    }

    void on(String token, Reply reply) {
        on(token, n -> reply);
    }

    static Reply user(String login, Map<String, String> headers) {
        return new Reply(200, headers, "{\"login\":\"" + login + "\",\"id\":1,\"type\":\"User\"}");
    }

    static Reply badCredentials() {
        return new Reply(401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
                + "\"status\":\"401\"}");
    }

    int requests() {
        return requests.get();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        Reply reply;
        if (!exchange.getRequestURI().getPath().equals("/user") || !exchange.getRequestMethod().equals("GET")) {
            reply = new Reply(404, Map.of(), "{\"message\":\"Not Found\"}");
        } else {
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            Function<Integer, Reply> f = byToken.get(token);
            int n = counts.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            reply = f == null ? badCredentials() : f.apply(n);
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
