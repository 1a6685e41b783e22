package dev.mcpsecrets.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and 2025-06-18): every client message is one POST to
 * the MCP endpoint with {@code Accept: application/json, text/event-stream}; a request is answered with
 * one JSON body or an SSE stream (which may carry server requests and notifications before the
 * response); {@code Mcp-Session-Id} from the initialize response goes on every later request, and so
 * does {@code MCP-Protocol-Version} with the version the initialize result named; after
 * {@code notifications/initialized} a GET opens the stream for messages the server sends unasked
 * (405 means it offers none); a 404 for a request with a session id means the session ended. A POST's stream
 * that breaks off after events with ids is resumed with a GET carrying {@code Last-Event-ID}.
 */
final class StreamableHttp implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(StreamableHttp.class);
    private static final long MAX_GET_BACKOFF_MILLIS = 30_000;
    /** How often one POST's broken stream is resumed, and how long before each try at most / by default. */
    private static final int MAX_RESUMES = 3;
    private static final long MAX_RESUME_WAIT_MILLIS = 5_000;
    private static final long DEFAULT_RESUME_WAIT_MILLIS = 100;

    private final RemoteHttp http;
    private final URI endpoint;
    private final ClientOutput output;
    private final Executor executor;
    private final Consumer<BridgeFailure> fatal;
    private final int maxMessageBytes;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean listening;
    private volatile boolean closed;
    private volatile InputStream getStream;

    StreamableHttp(RemoteHttp http, URI endpoint, ClientOutput output, Executor executor,
            Consumer<BridgeFailure> fatal, int maxMessageBytes) {
        this.http = http;
        this.endpoint = endpoint;
        this.output = output;
        this.executor = executor;
        this.fatal = fatal;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Posts the first {@code initialize}. A 4xx other than 401/403 is the sign of a server that only
     * speaks the older HTTP+SSE transport (the specification's backwards-compatibility rule).
     *
     * @return the 4xx status when the caller should try HTTP+SSE; empty when the answer was relayed
     */
    Optional<Integer> initialize(byte[] message, JsonRpc.ClientMessage inspected) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send("POST", endpoint, message, postHeaders());
        int status = response.statusCode();
        if (status >= 400 && status < 500) {
            RemoteHttp.discard(response);
            return Optional.of(status);
        }
        relay(response, inspected);
        return Optional.empty();
    }

    @Override
    public void deliver(byte[] message, JsonRpc.ClientMessage inspected) throws IOException, InterruptedException {
        relay(http.send("POST", endpoint, message, postHeaders()), inspected);
    }

    @Override
    public boolean concurrentRequests() {
        return true;
    }

    private Map<String, String> postHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        addSession(h);
        return h;
    }

    private void addSession(Map<String, String> h) {
        String session = sessionId;
        if (session != null) {
            h.put("Mcp-Session-Id", session);
        }
        String version = protocolVersion;
        if (version != null) {
            h.put("MCP-Protocol-Version", version);
        }
    }

    private void relay(HttpResponse<InputStream> response, JsonRpc.ClientMessage inspected) throws IOException {
        int status = response.statusCode();
        try {
            if (inspected.initializeId() != null) {
                response.headers().firstValue("Mcp-Session-Id").filter(StreamableHttp::isVisibleAscii)
                        .ifPresent(id -> sessionId = id);
            }
            if (status == 404 && sessionId != null && inspected.initializeId() == null) {
                RemoteHttp.discard(response);
                fatal.accept(new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(endpoint)
                        + " ended the session (HTTP 404); restart this server in your client to start a new one"));
                return;
            }
            if (status < 200 || status > 299) {
                RemoteHttp.discard(response);
                output.fail(inspected.requestIds(), Origins.origin(endpoint) + " answered HTTP " + status);
                return;
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/event-stream")) {
                readEvents(response.body(), inspected);
            } else if (type.startsWith("application/json")) {
                byte[] body = readBounded(response.body());
                if (body.length > 0) {
                    forward(new String(body, StandardCharsets.UTF_8), inspected);
                }
            } else {
                RemoteHttp.discard(response);
            }
            if (inspected.initializedNotification() && !listening) {
                listening = true;
                executor.execute(this::listen);
            }
        } catch (IOException e) {
            output.fail(inspected.requestIds(), Origins.origin(endpoint) + ": the response broke off ("
                    + e.getClass().getSimpleName() + ")");
            throw e;
        } finally {
            output.fail(inspected.requestIds(), status >= 200 && status <= 299
                    ? Origins.origin(endpoint) + " sent no response to this request (HTTP " + status + ")"
                    : Origins.origin(endpoint) + " answered HTTP " + status);
        }
    }

    /**
     * Reads a POST's SSE stream until every request of the POST is answered. A stream that ends or breaks
     * before that, after the server gave its events ids, is resumed as the specification describes: a GET with
     * {@code Last-Event-ID}, on which the server may replay what followed that event (at most
     * {@value #MAX_RESUMES} times, waiting as the stream's {@code retry} field says). Without ids, or when the
     * server offers no replay, the requests still open are answered with errors by the caller.
     */
    private void readEvents(InputStream body, JsonRpc.ClientMessage inspected) throws IOException {
        InputStream stream = body;
        String lastEventId = null;
        long retryMillis = DEFAULT_RESUME_WAIT_MILLIS;
        for (int resumes = 0; ; resumes++) {
            IOException broke = null;
            try (InputStream in = new BufferedInputStream(stream, 16 * 1024)) {
                SseReader events = new SseReader(in, maxMessageBytes);
                try {
                    for (SseReader.Event e = events.next(); e != null; e = events.next()) {
                        if (e.type().equals("message")) {
                            forward(e.data(), inspected);
                        }
                        if (allAnswered(inspected)) {
                            // every request of this POST is answered: the server should close, the client need not wait
                            return;
                        }
                    }
                } catch (IOException e) {
                    broke = e;
                } finally {
                    lastEventId = events.lastEventId() != null ? events.lastEventId() : lastEventId;
                    retryMillis = events.retryMillis() != null ? events.retryMillis() : retryMillis;
                }
            }
            if (closed || lastEventId == null || resumes >= MAX_RESUMES) {
                if (broke != null) {
                    throw broke;
                }
                return;
            }
            Optional<InputStream> resumed = resume(lastEventId, Math.min(retryMillis, MAX_RESUME_WAIT_MILLIS));
            if (resumed.isEmpty()) {
                if (broke != null) {
                    throw broke;
                }
                return;
            }
            stream = resumed.get();
        }
    }

    private boolean allAnswered(JsonRpc.ClientMessage inspected) {
        return !inspected.hasRequests() || inspected.requestIds().stream().noneMatch(output::isPending);
    }

    /** The GET that resumes a broken stream after {@code lastEventId}; empty when the server offers none. */
    private Optional<InputStream> resume(String lastEventId, long waitMillis) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "text/event-stream");
        addSession(h);
        h.put("Last-Event-ID", lastEventId);
        try {
            Thread.sleep(waitMillis);
            HttpResponse<InputStream> response = http.send("GET", endpoint, null, h);
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
                RemoteHttp.discard(response);
                LOG.info("{} did not resume a broken stream (GET with Last-Event-ID answered HTTP {})",
                        Origins.origin(endpoint), response.statusCode());
                return Optional.empty();
            }
            LOG.debug("resumed a broken stream of {}", Origins.origin(endpoint));
            return Optional.of(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void forward(String message, JsonRpc.ClientMessage inspected) throws IOException {
        Optional<JsonNode> sent = output.send(message);
        if (sent.isPresent() && inspected.initializeId() != null) {
            JsonRpc.negotiatedVersion(sent.get(), inspected.initializeId()).filter(StreamableHttp::isVisibleAscii)
                    .ifPresent(v -> protocolVersion = v);
        }
    }

    private byte[] readBounded(InputStream body) throws IOException {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes(maxMessageBytes + 1);
            if (bytes.length > maxMessageBytes) {
                throw new IOException("a response larger than " + maxMessageBytes + " bytes");
            }
            return bytes;
        }
    }

    /** The GET stream: reopened (with Last-Event-ID) when it ends, until the server says it has none. */
    private void listen() {
        String lastEventId = null;
        long backoff = 1_000;
        while (!closed) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Accept", "text/event-stream");
            addSession(h);
            if (lastEventId != null) {
                h.put("Last-Event-ID", lastEventId);
            }
            try {
                HttpResponse<InputStream> response = http.send("GET", endpoint, null, h);
                int status = response.statusCode();
                String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
                if (status != 200 || !type.startsWith("text/event-stream")) {
                    RemoteHttp.discard(response);
                    LOG.info("{} offers no stream for messages it sends unasked (GET answered HTTP {})",
                            Origins.origin(endpoint), status);
                    return;
                }
                backoff = 1_000;
                try (InputStream in = new BufferedInputStream(response.body(), 16 * 1024)) {
                    getStream = in;
                    SseReader events = new SseReader(in, maxMessageBytes);
                    for (SseReader.Event e = events.next(); e != null && !closed; e = events.next()) {
                        if (e.type().equals("message")) {
                            output.send(e.data());
                        }
                    }
                    lastEventId = events.lastEventId();
                    if (events.retryMillis() != null) {
                        backoff = events.retryMillis();
                    }
                }
            } catch (BridgeFailure e) {
                if (!closed) {
                    fatal.accept(e);
                }
                return;
            } catch (IOException e) {
                if (closed || output.isClosed()) {
                    return;
                }
                LOG.debug("the GET stream of {} broke off ({}); reopening", Origins.origin(endpoint),
                        e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, MAX_GET_BACKOFF_MILLIS);
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream stream = getStream;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debug("closing the GET stream failed", e);
            }
        }
        String session = sessionId;
        if (session != null) {
            Map<String, String> h = new LinkedHashMap<>();
            addSession(h);
            http.sendQuietly("DELETE", endpoint, h);
        }
    }

    /** Header values from the server go back in headers: visible ASCII only (the session id's own rule). */
    static boolean isVisibleAscii(String s) {
        return !s.isEmpty() && s.length() <= 1024 && s.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }
}
