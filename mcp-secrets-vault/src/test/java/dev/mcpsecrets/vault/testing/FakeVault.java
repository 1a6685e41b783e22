package dev.mcpsecrets.vault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A HashiCorp Vault / OpenBao server on 127.0.0.1 for tests, answering with the shapes of Vault's HTTP
 * API documentation: {@code GET /v1/sys/internal/ui/mounts/<path>} ({@code data.path},
 * {@code data.type}, {@code data.options.version}), KV v2 {@code GET /v1/<mount>/data/<path>?version=N}
 * ({@code data.data}, {@code data.metadata}), KV v1 {@code GET /v1/<mount>/<path>} ({@code data},
 * {@code lease_duration}), {@code POST /v1/auth/approle/login}, {@code POST /v1/auth/kubernetes/login}
 * ({@code auth.client_token}, {@code auth.lease_duration}, {@code auth.renewable}),
 * {@code GET /v1/auth/token/lookup-self}, {@code POST /v1/auth/token/renew-self}; errors as
 * {@code {"errors": [...]}}; the token in {@code X-Vault-Token}, the namespace in {@code X-Vault-Namespace}.
 * Modes: sealed (503), throttled (429 with {@code Retry-After}), a standby that redirects (307), and a
 * latency added to every request (a slow server). No real Vault is involved.
 */
public final class FakeVault implements AutoCloseable {
    /** What a request was, for counting. */
    public enum Kind {
        /** {@code sys/internal/ui/mounts/...}. */
        MOUNT_LOOKUP,
        /** A KV read (v1 or v2). */
        READ,
        /** An AppRole or Kubernetes login. */
        LOGIN,
        /** {@code auth/token/lookup-self}. */
        LOOKUP_SELF,
        /** {@code auth/token/renew-self}. */
        RENEW_SELF,
        /** Anything else. */
        OTHER
    }

    /** How the server answers every request. */
    public enum Mode {
        /** Normally. */
        NORMAL,
        /** 503 {@code Vault is sealed}. */
        SEALED,
        /** 429 with {@code Retry-After}, as a rate-limit quota answers. */
        THROTTLED,
        /** 307 to another node, as a standby without request forwarding answers. */
        STANDBY_REDIRECT
    }

    /** One request the server saw: method, path and query; never headers or bodies. */
    public record Request(String method, String path, String query, Kind kind) {
    }

    private record Token(String namespace, long ttlSeconds, boolean renewable, List<String> readable,
            long expiresAtMillis) {
    }

    private record Mount(String path, int version) {
    }

    private record Login(String namespace, String secret, long ttlSeconds, boolean renewable, List<String> readable) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // without it the JDK server's separate header and body writes meet delayed ACKs (about 40 ms a request)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Mount> mounts = new ConcurrentHashMap<>();
    /** Namespace-qualified path (mount included) to its versions, oldest first; a deleted version is null. */
    private final Map<String, List<Map<String, Object>>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Long> leases = new ConcurrentHashMap<>();
    private final Map<String, Login> appRoles = new ConcurrentHashMap<>();
    private final Map<String, Login> kubernetesRoles = new ConcurrentHashMap<>();
    private final Map<Kind, AtomicInteger> counts = Collections.synchronizedMap(new EnumMap<>(Kind.class));
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration latency = Duration.ZERO;
    private volatile int retryAfterSeconds = 30;
    private volatile String namespace = "";

    private FakeVault(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-vault");
            t.setDaemon(true);
            return t;
        }));
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicInteger());
        }
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     */
    public static FakeVault start() {
        return start(null);
    }

    /**
     * Starts a server on a free loopback port that speaks TLS with the given key and certificate.
     *
     * @param tls the server's TLS context, or {@code null} for plain http
     * @return the running server
     */
    public static FakeVault start(SSLContext tls) {
        try {
            FakeVault v = new FakeVault(tls);
            v.server.start();
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:PORT}, or {@code https://} when started with TLS */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The namespace later mounts, secrets, tokens and logins belong to ({@code ""} for the root).
     *
     * @param value the namespace
     * @return this server
     */
    public FakeVault inNamespace(String value) {
        this.namespace = value;
        return this;
    }

    /**
     * Enables a KV engine.
     *
     * @param path the mount, e.g. {@code secret}
     * @param version 1 or 2; version 1 mounts report no version option, as {@code vault secrets enable kv} leaves them
     * @return this server
     */
    public FakeVault mount(String path, int version) {
        mounts.put(qualified(path + "/"), new Mount(path + "/", version));
        return this;
    }

    /**
     * Writes a secret (a new version on KV v2).
     *
     * @param path the path, mount included, e.g. {@code secret/app/db}
     * @param data the key/value pairs
     * @return this server
     */
    public FakeVault put(String path, Map<String, ?> data) {
        secrets.computeIfAbsent(qualified(path), k -> new CopyOnWriteArrayList<>()).add(new HashMap<>(data));
        return this;
    }

    /**
     * Soft-deletes a version of a KV v2 secret.
     *
     * @param path the path, mount included
     * @param version the version, from 1
     * @return this server
     */
    public FakeVault deleteVersion(String path, int version) {
        secrets.get(qualified(path)).set(version - 1, null);
        return this;
    }

    /**
     * The {@code lease_duration} a KV v1 read of this path answers with (default 2764800, 32 days).
     *
     * @param path the path
     * @param seconds the lease
     * @return this server
     */
    public FakeVault lease(String path, long seconds) {
        leases.put(qualified(path), seconds);
        return this;
    }

    /**
     * Creates a token.
     *
     * @param token the token
     * @param ttlSeconds its TTL, 0 for none (as a root token)
     * @param renewable whether renew-self extends it
     * @param readable API path prefixes it may read ({@code *} for all), e.g. {@code secret/data/app}
     * @return this server
     */
    public FakeVault token(String token, long ttlSeconds, boolean renewable, String... readable) {
        tokens.put(token, newToken(ttlSeconds, renewable, List.of(readable)));
        return this;
    }

    /**
     * Creates an AppRole role id / secret id pair at {@code auth/approle}.
     *
     * @param roleId the role id
     * @param secretId the secret id
     * @param ttlSeconds the TTL of the tokens it issues
     * @param renewable whether they are renewable
     * @param readable what they may read
     * @return this server
     */
    public FakeVault appRole(String roleId, String secretId, long ttlSeconds, boolean renewable, String... readable) {
        appRoles.put(namespace + "|" + roleId, new Login(namespace, secretId, ttlSeconds, renewable, List.of(readable)));
        return this;
    }

    /**
     * Creates a Kubernetes role at {@code auth/kubernetes} that accepts one service-account JWT.
     *
     * @param role the role
     * @param jwt the JWT it accepts
     * @param ttlSeconds the TTL of the tokens it issues
     * @param readable what they may read
     * @return this server
     */
    public FakeVault kubernetesRole(String role, String jwt, long ttlSeconds, String... readable) {
        kubernetesRoles.put(namespace + "|" + role, new Login(namespace, jwt, ttlSeconds, true, List.of(readable)));
        return this;
    }

    /**
     * How every request is answered.
     *
     * @param value the mode
     * @return this server
     */
    public FakeVault mode(Mode value) {
        this.mode = value;
        return this;
    }

    /**
     * The {@code Retry-After} of throttled answers.
     *
     * @param seconds the seconds
     * @return this server
     */
    public FakeVault retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /**
     * A delay before every answer.
     *
     * @param value the delay
     * @return this server
     */
    public FakeVault latency(Duration value) {
        this.latency = value;
        return this;
    }

    /**
     * How many requests of a kind were served.
     *
     * @param kind the kind
     * @return the count
     */
    public int count(Kind kind) {
        return counts.get(kind).get();
    }

    /** @return every request seen, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * Revokes every token a login issued, as {@code vault token revoke} would; later requests with them get 403.
     *
     * @return this server
     */
    public FakeVault revokeIssuedTokens() {
        tokens.keySet().removeIf(t -> t.startsWith("hvs.FAKE"));
        return this;
    }

    /** Forgets the counts and requests seen. */
    public void resetCounts() {
        counts.values().forEach(c -> c.set(0));
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String qualified(String path) {
        return namespace.isEmpty() ? path : namespace + "/" + path;
    }

    private Token newToken(long ttlSeconds, boolean renewable, List<String> readable) {
        return newTokenIn(namespace, ttlSeconds, renewable, readable);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getRawQuery();
            String method = ex.getRequestMethod();
            Kind kind = kind(path);
            counts.get(kind).incrementAndGet();
            requests.add(new Request(method, path, query, kind));
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!latency.isZero()) {
                try {
                    Thread.sleep(latency.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            switch (mode) {
                case SEALED:
                    send(ex, 503, errors("Vault is sealed"));
                    return;
                case THROTTLED:
                    ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                    send(ex, 429, errors("request path \"" + path.substring(4) + "\": rate limit quota exceeded"));
                    return;
                case STANDBY_REDIRECT:
                    ex.getResponseHeaders().add("Location", "https://active.vault.invalid:8200" + path);
                    send(ex, 307, null);
                    return;
                default:
                    break;
            }
            String ns = header(ex, "X-Vault-Namespace").replaceAll("^/+|/+$", "");
            answer(ex, method, path.substring("/v1/".length()), query, body, ns, kind);
        }
    }

    private static Kind kind(String path) {
        if (path.startsWith("/v1/sys/internal/ui/mounts/")) {
            return Kind.MOUNT_LOOKUP;
        }
        if (path.matches("/v1/auth/[^/]+(/[^/]+)*/login")) {
            return Kind.LOGIN;
        }
        if (path.equals("/v1/auth/token/lookup-self")) {
            return Kind.LOOKUP_SELF;
        }
        if (path.equals("/v1/auth/token/renew-self")) {
            return Kind.RENEW_SELF;
        }
        return path.startsWith("/v1/sys/") || path.startsWith("/v1/auth/") ? Kind.OTHER : Kind.READ;
    }

    private void answer(HttpExchange ex, String method, String apiPath, String query, byte[] body, String ns,
            Kind kind) throws IOException {
        if (kind == Kind.LOGIN) {
            login(ex, apiPath, body, ns);
            return;
        }
        String tokenText = header(ex, "X-Vault-Token");
        Token token = tokens.get(tokenText);
        if (token == null || !token.namespace().equals(ns) || System.currentTimeMillis() > token.expiresAtMillis()) {
            send(ex, 403, errors("permission denied"));
            return;
        }
        switch (kind) {
            case LOOKUP_SELF: {
                ObjectNode data = JSON.createObjectNode();
                data.put("accessor", "fake-accessor").put("display_name", "token").put("id", tokenText)
                        .put("renewable", token.renewable()).put("ttl", remainingSeconds(token))
                        .put("creation_ttl", token.ttlSeconds()).putArray("policies").add("default");
                send(ex, 200, envelope(data, 0));
                return;
            }
            case RENEW_SELF: {
                if (!token.renewable()) {
                    send(ex, 400, errors("lease is not renewable"));
                    return;
                }
                Token renewed = newTokenIn(token.namespace(), token.ttlSeconds(), true, token.readable());
                tokens.put(tokenText, renewed);
                send(ex, 200, auth(tokenText, renewed));
                return;
            }
            case MOUNT_LOOKUP:
                mountLookup(ex, apiPath.substring("sys/internal/ui/mounts/".length()), token, ns);
                return;
            case READ:
                read(ex, method, apiPath, query, token, ns);
                return;
            default:
                send(ex, 404, errors());
        }
    }

    private Token newTokenIn(String ns, long ttl, boolean renewable, List<String> readable) {
        return new Token(ns, ttl, renewable, readable, ttl == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + ttl * 1000);
    }

    private static long remainingSeconds(Token t) {
        return t.ttlSeconds() == 0 ? 0 : Math.max(0, (t.expiresAtMillis() - System.currentTimeMillis()) / 1000);
    }

    private void login(HttpExchange ex, String apiPath, byte[] body, String ns) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            send(ex, 400, errors("failed to parse JSON input"));
            return;
        }
        Login login;
        boolean ok;
        if (apiPath.equals("auth/approle/login")) {
            login = appRoles.get(ns + "|" + json.path("role_id").asText(""));
            ok = login != null && login.secret().equals(json.path("secret_id").asText(null));
            if (!ok) {
                send(ex, 400, errors("invalid role or secret ID"));
                return;
            }
        } else if (apiPath.equals("auth/kubernetes/login")) {
            login = kubernetesRoles.get(ns + "|" + json.path("role").asText(""));
            ok = login != null && login.secret().equals(json.path("jwt").asText(null));
            if (!ok) {
                send(ex, 403, errors("permission denied"));
                return;
            }
        } else {
            send(ex, 404, errors("no handler for route \"" + apiPath + "\". route entry not found."));
            return;
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String issued = "hvs.FAKE" + java.util.HexFormat.of().formatHex(raw);
        Token t = newTokenIn(ns, login.ttlSeconds(), login.renewable(), login.readable());
        tokens.put(issued, t);
        send(ex, 200, auth(issued, t));
    }

    private void mountLookup(HttpExchange ex, String path, Token token, String ns) throws IOException {
        Mount mount = mountOf(path, ns);
        if (mount == null || !mayReadUnder(token, mount)) {
            send(ex, 403, errors("permission denied"));
            return;
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("accessor", "kv_fake").put("description", "").put("local", false).put("path", mount.path())
                .put("seal_wrap", false).put("type", "kv").put("uuid", "00000000-fake");
        if (mount.version() == 2) {
            data.putObject("options").put("version", "2");
        } else {
            data.putNull("options");
        }
        data.putObject("config").put("default_lease_ttl", 0).put("max_lease_ttl", 0);
        send(ex, 200, envelope(data, 0));
    }

    private void read(HttpExchange ex, String method, String apiPath, String query, Token token, String ns)
            throws IOException {
        Mount mount = mountOf(apiPath, ns);
        if (!method.equals("GET") || mount == null) {
            send(ex, mount == null ? 404 : 405, errors(mount == null ? "no handler for route \"" + apiPath + "\"" : ""));
            return;
        }
        if (!mayRead(token, apiPath)) {
            send(ex, 403, errors("1 error occurred:\n\t* permission denied\n\n"));
            return;
        }
        String rest = apiPath.substring(mount.path().length());
        if (mount.version() == 1) {
            List<Map<String, Object>> versions = secrets.get(nsPath(ns, apiPath));
            if (versions == null || versions.isEmpty()) {
                send(ex, 404, errors());
                return;
            }
            ObjectNode data = JSON.valueToTree(versions.get(versions.size() - 1));
            send(ex, 200, envelope(data, leases.getOrDefault(nsPath(ns, apiPath), 2_764_800L)));
            return;
        }
        if (!rest.startsWith("data/")) {
            send(ex, 404, errors());
            return;
        }
        String secretPath = mount.path() + rest.substring("data/".length());
        List<Map<String, Object>> versions = secrets.get(nsPath(ns, secretPath));
        if (versions == null || versions.isEmpty()) {
            send(ex, 404, errors());
            return;
        }
        int version = versions.size();
        if (query != null && query.startsWith("version=")) {
            version = Integer.parseInt(query.substring("version=".length()));
        }
        if (version < 1 || version > versions.size()) {
            send(ex, 404, errors());
            return;
        }
        Map<String, Object> values = versions.get(version - 1);
        ObjectNode inner = JSON.createObjectNode();
        ObjectNode metadata = inner.putObject("metadata");
        metadata.put("created_time", "2026-11-27T00:00:00.000000Z").putNull("custom_metadata")
                .put("deletion_time", values == null ? "2026-11-28T00:00:00.000000Z" : "").put("destroyed", false)
                .put("version", version);
        if (values == null) {
            inner.putNull("data");
            send(ex, 404, envelope(inner, 0));
            return;
        }
        inner.set("data", JSON.valueToTree(values));
        send(ex, 200, envelope(inner, 0));
    }

    private String nsPath(String ns, String path) {
        return ns.isEmpty() ? path : ns + "/" + path;
    }

    private Mount mountOf(String path, String ns) {
        Mount best = null;
        for (Map.Entry<String, Mount> e : mounts.entrySet()) {
            Mount m = e.getValue();
            if (e.getKey().equals(nsPath(ns, m.path())) && (path + "/").startsWith(m.path())
                    && (best == null || m.path().length() > best.path().length())) {
                best = m;
            }
        }
        return best;
    }

    private static boolean mayRead(Token token, String apiPath) {
        for (String prefix : token.readable()) {
            if (prefix.equals("*") || apiPath.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayReadUnder(Token token, Mount mount) {
        for (String prefix : token.readable()) {
            if (prefix.equals("*") || prefix.startsWith(mount.path()) || mount.path().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode envelope(JsonNode data, long leaseSeconds) {
        ObjectNode root = JSON.createObjectNode();
        root.put("request_id", "00000000-0000-0000-0000-000000000000").put("lease_id", "").put("renewable", false)
                .put("lease_duration", leaseSeconds);
        root.set("data", data);
        root.putNull("wrap_info");
        root.putNull("warnings");
        root.putNull("auth");
        return root;
    }

    private static ObjectNode auth(String token, Token t) {
        ObjectNode root = envelope(null, 0);
        root.putNull("data");
        ObjectNode auth = root.putObject("auth");
        auth.put("client_token", token).put("accessor", "fake-accessor").put("lease_duration", t.ttlSeconds())
                .put("renewable", t.renewable()).put("entity_id", "").put("token_type", "service").put("orphan", true);
        auth.putArray("policies").add("default");
        auth.putArray("token_policies").add("default");
        return root;
    }

    private static ObjectNode errors(String... texts) {
        ObjectNode root = JSON.createObjectNode();
        var array = root.putArray("errors");
        for (String t : texts) {
            array.add(t);
        }
        return root;
    }

    private static String header(HttpExchange ex, String name) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (body != null) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
