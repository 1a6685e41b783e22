package dev.mcpsecrets.bridge.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP+SSE transport of MCP 2024-11-05, for servers that speak nothing newer: a GET opens an event
 * stream whose first event, {@code endpoint}, names the URL to POST client messages to; every server
 * message arrives as a {@code message} event on that stream. The POST URL must be of the same origin
 * as the stream (the headers go there too). When the stream ends the session is over.
 */
final class LegacySse implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(LegacySse.class);

    private final RemoteHttp http;
    private final URI messageUri;
    private final InputStream stream;
    private final ClientOutput output;
    private final AtomicBoolean closed;

    private LegacySse(RemoteHttp http, URI messageUri, InputStream stream, ClientOutput output, AtomicBoolean closed) {
        this.http = http;
        this.messageUri = messageUri;
        this.stream = stream;
        this.output = output;
        this.closed = closed;
    }

    /**
     * Opens the event stream and waits (up to the deadline) for its {@code endpoint} event; then relays
     * every {@code message} event to the client on a thread of the executor.
     *
     * @param postStatus what the Streamable HTTP POST was answered with, for the message when this fails too
     * @throws BridgeFailure (remote failed) when the server offers no such stream either
     */
    static LegacySse open(RemoteHttp http, URI sseUri, int postStatus, ClientOutput output, Executor executor,
            Consumer<BridgeFailure> fatal, Duration deadline, int maxMessageBytes)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send("GET", sseUri, null, Map.of("Accept", "text/event-stream"));
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            RemoteHttp.discard(response);
            throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri)
                    + " speaks neither MCP transport at this URL: the Streamable HTTP POST was answered HTTP "
                    + postStatus + ", the HTTP+SSE GET HTTP " + response.statusCode()
                    + (response.statusCode() == 200 ? " (" + (type.isEmpty() ? "no content type" : "not an event stream")
                    + ")" : "") + "; check the URL");
        }
        InputStream in = new BufferedInputStream(response.body(), 16 * 1024);
        SseReader events = new SseReader(in, maxMessageBytes);
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        AtomicBoolean closed = new AtomicBoolean();
        executor.execute(() -> {
            try {
                for (SseReader.Event e = events.next(); e != null; e = events.next()) {
                    if (e.type().equals("endpoint") && !endpoint.isDone()) {
                        endpoint.complete(messageUri(sseUri, e.data()));
                    } else if (e.type().equals("message") && endpoint.isDone()) {
                        output.send(e.data());
                    }
                }
                endpoint.completeExceptionally(new IOException("the event stream ended"));
            } catch (IOException | RuntimeException e) {
                endpoint.completeExceptionally(e);
            }
            if (endpoint.isDone() && !endpoint.isCompletedExceptionally() && !closed.get() && !output.isClosed()) {
                fatal.accept(new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri)
                        + " closed the event stream; the HTTP+SSE session is over (restart this server in your client)"));
            }
        });
        URI messages;
        try {
            messages = endpoint.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            in.close();
            throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri) + " opened an event stream but "
                    + "sent no 'endpoint' event within " + deadline.toSeconds() + " s: not an MCP HTTP+SSE server");
        } catch (ExecutionException e) {
            in.close();
            if (e.getCause() instanceof BridgeFailure b) {
                throw b;
            }
            throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri)
                    + " ended the event stream before its 'endpoint' event: not an MCP HTTP+SSE server");
        }
        LOG.info("{} speaks the HTTP+SSE transport of 2024-11-05; using it", Origins.origin(sseUri));
        return new LegacySse(http, messages, in, output, closed);
    }

    private static URI messageUri(URI sseUri, String data) {
        URI target;
        try {
            target = sseUri.resolve(data.strip());
        } catch (IllegalArgumentException e) {
            throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri)
                    + " named a malformed message endpoint");
        }
        if (!Origins.sameOrigin(sseUri, target)) {
            throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(sseUri) + " named a message endpoint on "
                    + "another origin, " + Origins.origin(target) + "; refused, so the headers stay with the server you named");
        }
        return target;
    }

    @Override
    public void deliver(byte[] message, JsonRpc.ClientMessage inspected) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send("POST", messageUri, message,
                Map.of("Content-Type", "application/json"));
        RemoteHttp.discard(response);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            output.fail(inspected.requestIds(), Origins.origin(messageUri) + " answered HTTP " + status);
        }
    }

    @Override
    public boolean concurrentRequests() {
        // answers come on the event stream; the POST itself returns at once, so order is kept by posting in turn
        return false;
    }

    @Override
    public void close() {
        closed.set(true);
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing the event stream failed", e);
        }
    }
}
