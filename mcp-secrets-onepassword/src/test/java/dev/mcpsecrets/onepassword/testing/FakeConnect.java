package dev.mcpsecrets.onepassword.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A 1Password Connect server on 127.0.0.1 for tests, serving the JSON shapes of Connect's API
 * reference: {@code GET /v1/vaults}, {@code GET /v1/vaults/{id}/items?filter=title eq "..."},
 * {@code GET /v1/vaults/{id}/items/{id}}, errors as {@code {"status":..,"message":..}}. Failures can
 * be scripted (401, 403, 429 with Retry-After, 500). No real account is involved.
 */
public final class FakeConnect implements AutoCloseable {
    /** One request the server saw. */
    public record Request(String path, String query, boolean authorized, long nanoTime) {
        /** @return {@code vaults}, {@code lookup} (item title filter), {@code item} or {@code other} */
        public String kind() {
            if (path.equals("/v1/vaults")) {
                return "vaults";
            }
            if (path.matches("/v1/vaults/[^/]+/items")) {
                return "lookup";
            }
            return path.matches("/v1/vaults/[^/]+/items/[^/]+") ? "item" : "other";
        }
    }

    /** A field of an item. */
    public record Field(String id, String label, String type, String value, String sectionId, String totp) {
        /** A concealed field outside any section. */
        public static Field concealed(String label, String value) {
            return new Field(newId(), label, "CONCEALED", value, null, null);
        }
    }

    private record Scripted(int status, String retryAfter) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final Map<String, String> vaults = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> items = new HashMap<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    static {
        // without it the JDK server's separate header and body writes meet delayed ACKs (about 40 ms a request)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FakeConnect(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-connect");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /**
     * Starts a server that accepts {@code token}.
     *
     * @param token the bearer token it expects
     * @return the running server
     */
    public static FakeConnect start(String token) {
        try {
            return new FakeConnect(token);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return e.g. {@code http://127.0.0.1:41234} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A 26-character ID like Connect's. */
    public static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * Adds a vault (or returns the existing one's ID).
     *
     * @param name the vault name
     * @return its ID
     */
    public synchronized String vault(String name) {
        for (Map.Entry<String, String> v : vaults.entrySet()) {
            if (v.getValue().equals(name)) {
                return v.getKey();
            }
        }
        String id = newId();
        vaults.put(id, name);
        items.put(id, new ArrayList<>());
        return id;
    }

    /**
     * Adds an item.
     *
     * @param vaultName the vault (created if needed)
     * @param title the item title
     * @param sections section ID to label
     * @param fields the fields
     * @return the item's ID
     */
    public synchronized String item(String vaultName, String title, Map<String, String> sections, List<Field> fields) {
        String vaultId = vault(vaultName);
        String id = newId();
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id);
        item.put("title", title);
        item.putObject("vault").put("id", vaultId);
        item.put("category", "API_CREDENTIAL");
        item.put("version", 1);
        ArrayNode secs = item.putArray("sections");
        sections.forEach((sid, label) -> secs.addObject().put("id", sid).put("label", label));
        ArrayNode fs = item.putArray("fields");
        for (Field f : fields) {
            ObjectNode n = fs.addObject();
            n.put("id", f.id());
            n.put("label", f.label());
            n.put("type", f.type());
            if (f.value() != null) {
                n.put("value", f.value());
            }
            if (f.sectionId() != null) {
                n.putObject("section").put("id", f.sectionId());
            }
            if (f.totp() != null) {
                n.put("totp", f.totp());
            }
        }
        items.get(vaultId).add(item);
        return id;
    }

    /**
     * The next {@code times} requests get {@code status} (authenticated or not).
     *
     * @param status e.g. 429
     * @param times how many requests
     * @param retryAfter the Retry-After header, or {@code null}
     */
    public synchronized void failNext(int status, int times, String retryAfter) {
        for (int i = 0; i < times; i++) {
            script.add(new Scripted(status, retryAfter));
        }
    }

    /** @return every request so far */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param kind see {@link Request#kind()}
     * @return how many requests of that kind
     */
    public synchronized long count(String kind) {
        return requests.stream().filter(r -> r.kind().equals(kind)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            boolean authorized = ("Bearer " + token).equals(auth);
            String path = ex.getRequestURI().getPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            Scripted scripted;
            synchronized (this) {
                requests.add(new Request(path, rawQuery, authorized, System.nanoTime()));
                scripted = script.poll();
            }
            if (scripted != null) {
                if (scripted.retryAfter() != null) {
                    ex.getResponseHeaders().add("Retry-After", scripted.retryAfter());
                }
                error(ex, scripted.status(), "scripted failure");
                return;
            }
            if (!authorized) {
                error(ex, 401, "Invalid token signature");
                return;
            }
            answer(ex, path, rawQuery);
        }
    }

    private synchronized void answer(HttpExchange ex, String path, String rawQuery) throws IOException {
        String[] p = path.split("/");
        if (path.equals("/v1/vaults")) {
            ArrayNode out = JSON.createArrayNode();
            vaults.forEach((id, name) -> out.addObject().put("id", id).put("name", name));
            send(ex, 200, out.toString());
        } else if (p.length == 5 && p[3].length() > 0 && p[4].equals("items") && items.containsKey(p[3])) {
            String title = titleFilter(rawQuery);
            ArrayNode out = JSON.createArrayNode();
            for (ObjectNode item : items.get(p[3])) {
                if (title == null || item.path("title").asText().equalsIgnoreCase(title)) {
                    out.addObject().put("id", item.path("id").asText()).put("title", item.path("title").asText())
                            .putObject("vault").put("id", p[3]);
                }
            }
            send(ex, 200, out.toString());
        } else if (p.length == 6 && p[4].equals("items") && items.containsKey(p[3])) {
            for (ObjectNode item : items.get(p[3])) {
                if (item.path("id").asText().equals(p[5])) {
                    send(ex, 200, item.toString());
                    return;
                }
            }
            error(ex, 404, "item not found");
        } else {
            error(ex, 404, "vault not found");
        }
    }

    private static String titleFilter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("filter=")) {
                String filter = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                String prefix = "title eq \"";
                if (filter.toLowerCase(Locale.ROOT).startsWith(prefix) && filter.endsWith("\"")) {
                    return filter.substring(prefix.length(), filter.length() - 1);
                }
            }
        }
        return null;
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, JSON.createObjectNode().put("status", status).put("message", message).toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
