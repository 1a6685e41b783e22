package dev.mcpsecrets.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * AWS Secrets Manager on 127.0.0.1 for tests, speaking the AWS JSON 1.1 protocol of its API reference:
 * {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue} or
 * {@code secretsmanager.BatchGetSecretValue} and {@code Content-Type: application/x-amz-json-1.1};
 * answers {@code {"ARN","Name","VersionId","SecretString"|"SecretBinary","VersionStages","CreatedDate"}},
 * {@code {"SecretValues":[…],"Errors":[{"SecretId","ErrorCode","Message"}],"NextToken"}}, and errors as
 * HTTP 400 with {@code {"__type":"ResourceNotFoundException","Message":…}}. Requests must be signed
 * with AWS Signature Version 4 by the expected access key. Failures and delays can be scripted. No
 * real account is involved.
 */
public final class FakeSecretsManager implements AutoCloseable {
    /** The account of every ARN. */
    public static final String ACCOUNT = "123456789012";

    /** One request the server saw. */
    public record Request(String target, String host, String accessKeyId, List<String> secretIds, long nanoTime) {
    }

    private record Version(String id, Set<String> stages, String string, byte[] binary) {
    }

    private record Stored(String name, String arn, List<Version> versions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // without it the JDK server's separate header and body writes meet delayed ACKs (about 40 ms a request)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final String accessKeyId;
    private final Map<String, Stored> secrets = new LinkedHashMap<>();
    private final Map<String, String> perSecretErrors = new LinkedHashMap<>();
    private final Deque<String> scriptedErrors = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private boolean batchDenied;
    private int batchPageSize = Integer.MAX_VALUE;
    private long delayMillis;

    private FakeSecretsManager(String region, String accessKeyId) throws IOException {
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-secretsmanager");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a server.
     *
     * @param region the region its ARNs name
     * @param accessKeyId the access key requests must be signed with
     * @return the running server
     */
    public static FakeSecretsManager start(String region, String accessKeyId) {
        try {
            return new FakeSecretsManager(region, accessKeyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return e.g. {@code http://127.0.0.1:41234} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Adds a secret whose current version holds {@code value} as SecretString.
     *
     * @param name the secret name
     * @param value the value
     * @return its full ARN
     */
    public synchronized String putString(String name, String value) {
        return put(name, value, null);
    }

    /**
     * Adds a secret whose current version holds {@code value} as SecretBinary.
     *
     * @param name the secret name
     * @param value the bytes
     * @return its full ARN
     */
    public synchronized String putBinary(String name, byte[] value) {
        return put(name, null, value.clone());
    }

    /**
     * Makes a new current version of a secret (the old one becomes AWSPREVIOUS), as PutSecretValue does.
     *
     * @param name an existing secret
     * @param value the new value
     * @return the new version's ID
     */
    public synchronized String rotate(String name, String value) {
        Stored s = secrets.get(name);
        List<Version> versions = new ArrayList<>();
        for (Version v : s.versions()) {
            if (v.stages().contains("AWSPREVIOUS")) {
                continue;
            }
            Set<String> stages = new HashSet<>(v.stages());
            if (stages.remove("AWSCURRENT")) {
                stages.add("AWSPREVIOUS");
            }
            versions.add(new Version(v.id(), stages, v.string(), v.binary()));
        }
        Version next = new Version(UUID.randomUUID().toString(), Set.of("AWSCURRENT"), value, null);
        versions.add(next);
        secrets.put(name, new Stored(name, s.arn(), versions));
        return next.id();
    }

    /**
     * The version ID holding a stage.
     *
     * @param name the secret
     * @param stage e.g. {@code AWSPREVIOUS}
     * @return the ID
     */
    public synchronized String versionId(String name, String stage) {
        return secrets.get(name).versions().stream().filter(v -> v.stages().contains(stage)).findFirst()
                .orElseThrow().id();
    }

    private String put(String name, String string, byte[] binary) {
        String arn = "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name + "-" + suffix();
        secrets.put(name, new Stored(name, arn, List.of(new Version(UUID.randomUUID().toString(),
                Set.of("AWSCURRENT"), string, binary))));
        return arn;
    }

    /**
     * Every request for this secret fails with {@code errorCode} (in a batch: an entry of {@code Errors}).
     *
     * @param name the secret
     * @param errorCode e.g. {@code AccessDeniedException} or {@code DecryptionFailure}
     */
    public synchronized void failSecret(String name, String errorCode) {
        perSecretErrors.put(name, errorCode);
    }

    /** {@code BatchGetSecretValue} is denied as a whole, as without its IAM permission. */
    public synchronized void denyBatch() {
        batchDenied = true;
    }

    /**
     * A batch answers at most this many secrets and a {@code NextToken} for the rest.
     *
     * @param size the page size
     */
    public synchronized void batchPageSize(int size) {
        batchPageSize = size;
    }

    /**
     * The next {@code times} requests fail with {@code errorCode} (status 400, or 500 for
     * {@code InternalServiceError}).
     *
     * @param errorCode e.g. {@code ThrottlingException}
     * @param times how many requests
     */
    public synchronized void failNext(String errorCode, int times) {
        for (int i = 0; i < times; i++) {
            scriptedErrors.add(errorCode);
        }
    }

    /**
     * Every answer waits this long first.
     *
     * @param millis the delay
     */
    public synchronized void delay(long millis) {
        delayMillis = millis;
    }

    /** @return every request so far */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param operation e.g. {@code GetSecretValue}
     * @return how many requests of that operation
     */
    public synchronized long count(String operation) {
        return requests.stream().filter(r -> r.target().equals("secretsmanager." + operation)).count();
    }

    /** Forgets the requests seen so far. */
    public synchronized void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            String signedBy = auth.startsWith("AWS4-HMAC-SHA256 Credential=")
                    ? auth.substring("AWS4-HMAC-SHA256 Credential=".length()).split("/", 2)[0] : null;
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            List<String> ids = new ArrayList<>();
            if (body != null && body.has("SecretId")) {
                ids.add(body.get("SecretId").asText());
            }
            if (body != null && body.has("SecretIdList")) {
                body.get("SecretIdList").forEach(n -> ids.add(n.asText()));
            }
            String scripted;
            long delay;
            synchronized (this) {
                requests.add(new Request(target, ex.getRequestHeaders().getFirst("Host"), signedBy, List.copyOf(ids),
                        System.nanoTime()));
                scripted = scriptedErrors.poll();
                delay = delayMillis;
            }
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/")
                    || !contentType.startsWith("application/x-amz-json-1.1")) {
                error(ex, 400, "SerializationException", "expected POST / with application/x-amz-json-1.1");
                return;
            }
            if (signedBy == null || !signedBy.equals(accessKeyId)
                    || !auth.contains("/" + region + "/secretsmanager/aws4_request")) {
                error(ex, 400, "UnrecognizedClientException", "The security token included in the request is invalid.");
                return;
            }
            if (scripted != null) {
                error(ex, scripted.equals("InternalServiceError") ? 500 : 400, scripted, "scripted failure");
                return;
            }
            switch (target) {
                case "secretsmanager.GetSecretValue" -> getSecretValue(ex, body);
                case "secretsmanager.BatchGetSecretValue" -> batchGetSecretValue(ex, body);
                default -> error(ex, 400, "UnknownOperationException", "unknown operation");
            }
        }
    }

    private void getSecretValue(HttpExchange ex, JsonNode body) throws IOException {
        String id = body.path("SecretId").asText();
        ObjectNode answer;
        synchronized (this) {
            String failure = perSecretErrors.get(nameOf(id));
            if (failure != null) {
                error(ex, 400, failure, "scripted failure for this secret");
                return;
            }
            Stored s = find(id);
            Version v = s == null ? null : version(s, text(body, "VersionId"), text(body, "VersionStage"));
            if (v == null) {
                error(ex, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret"
                        + (s == null ? "." : " value for the given version or staging label."));
                return;
            }
            answer = entry(s, v);
        }
        respond(ex, 200, answer);
    }

    private void batchGetSecretValue(HttpExchange ex, JsonNode body) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        synchronized (this) {
            if (batchDenied) {
                error(ex, 400, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/test is not "
                        + "authorized to perform: secretsmanager:BatchGetSecretValue because no identity-based policy "
                        + "allows the secretsmanager:BatchGetSecretValue action");
                return;
            }
            JsonNode list = body.path("SecretIdList");
            if (!list.isArray() || list.size() == 0 || list.size() > 20) {
                error(ex, 400, "InvalidParameterException", "SecretIdList must hold 1 to 20 secret IDs.");
                return;
            }
            int start = body.has("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
            int end = Math.min(list.size(), start + batchPageSize);
            ArrayNode values = answer.putArray("SecretValues");
            ArrayNode errors = answer.putArray("Errors");
            for (int i = start; i < end; i++) {
                String id = list.get(i).asText();
                String failure = perSecretErrors.get(nameOf(id));
                Stored s = find(id);
                Version v = s == null ? null : version(s, null, null);
                if (failure != null || v == null) {
                    ObjectNode e = errors.addObject();
                    e.put("SecretId", id);
                    e.put("ErrorCode", failure != null ? failure : "ResourceNotFoundException");
                    e.put("Message", failure != null ? "scripted failure for this secret"
                            : "Secrets Manager can't find the specified secret.");
                } else {
                    values.add(entry(s, v));
                }
            }
            if (end < list.size()) {
                answer.put("NextToken", Integer.toString(end));
            }
        }
        respond(ex, 200, answer);
    }

    private String nameOf(String id) {
        Stored s = find(id);
        return s == null ? id : s.name();
    }

    private Stored find(String id) {
        for (Stored s : secrets.values()) {
            if (s.name().equals(id) || s.arn().equals(id)
                    || (id.startsWith("arn:") && s.arn().startsWith(id + "-") && s.arn().length() == id.length() + 7)) {
                return s;
            }
        }
        return null;
    }

    private static Version version(Stored s, String versionId, String stage) {
        for (Version v : s.versions()) {
            if (versionId != null ? v.id().equals(versionId) : v.stages().contains(stage != null ? stage : "AWSCURRENT")) {
                if (stage == null || v.stages().contains(stage)) {
                    return v;
                }
            }
        }
        return null;
    }

    private static ObjectNode entry(Stored s, Version v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ARN", s.arn());
        n.put("Name", s.name());
        n.put("VersionId", v.id());
        if (v.string() != null) {
            n.put("SecretString", v.string());
        }
        if (v.binary() != null) {
            n.put("SecretBinary", v.binary()); // Jackson writes byte[] as base64, the protocol's blob encoding
        }
        ArrayNode stages = n.putArray("VersionStages");
        v.stages().stream().sorted().forEach(stages::add);
        n.put("CreatedDate", 1.7e9);
        return n;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static String suffix() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(6);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void error(HttpExchange ex, int status, String type, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("__type", type);
        n.put("Message", message);
        ex.getResponseHeaders().add("x-amzn-ErrorType", type);
        respond(ex, status, n);
    }

    private static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public String toString() {
        return "FakeSecretsManager[" + url() + ", " + region.toLowerCase(Locale.ROOT) + "]";
    }
}
