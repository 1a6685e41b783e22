package dev.mcpsecrets.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to the remote server with the bridge's safety rules: the configured headers on every request;
 * a redirect followed only within the same origin (scheme, host, port), so headers never reach
 * another server; a request retried only when it certainly was not delivered (the connection could
 * not be made), with backoff, until a deadline; a 401 or 403 answered by resolving the references once
 * more and retrying only when that gave another value.
 */
final class RemoteHttp {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteHttp.class);
    private static final int MAX_REDIRECTS = 5;
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    /** The server could not be reached within the deadline: the request was certainly not delivered. */
    static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Sleeps between connection attempts; tests replace it to run without waiting. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final HttpClient client;
    private final HeaderSet headers;
    private final Duration connectDeadline;
    private final Sleeper sleeper;

    RemoteHttp(HttpClient client, HeaderSet headers, Duration connectDeadline, Sleeper sleeper) {
        this.client = client;
        this.headers = headers;
        this.connectDeadline = connectDeadline;
        this.sleeper = sleeper;
    }

    /**
     * Sends one request and returns the response once its headers arrived (the body is streamed).
     *
     * @param method GET, POST or DELETE
     * @param uri where
     * @param body the body of a POST, else {@code null}
     * @param extra headers of the transport (Accept, Content-Type, session, protocol version)
     * @return a response that is neither a redirect nor a 401/403
     * @throws IOException when the server could not be reached within the deadline, or the exchange broke
     * @throws BridgeFailure (credentials rejected, remote failed) for 401/403 and redirects to another origin
     */
    HttpResponse<InputStream> send(String method, URI uri, byte[] body, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> used = headers.values();
        HttpResponse<InputStream> response = sendFollowing(method, uri, body, extra, used);
        if (!isAuthFailure(response.statusCode())) {
            return response;
        }
        discard(response);
        boolean retry;
        synchronized (headers) {
            // another request may have re-resolved already; else resolve now
            retry = !headers.values().equals(used) || headers.refresh();
        }
        if (retry) {
            LOG.info("{} answered HTTP {}; retrying once with the re-resolved header values",
                    Origins.origin(uri), response.statusCode());
            response = sendFollowing(method, uri, body, extra, headers.values());
            if (!isAuthFailure(response.statusCode())) {
                return response;
            }
            discard(response);
        }
        throw rejected(uri, response.statusCode(), retry);
    }

    private BridgeFailure rejected(URI uri, int status, boolean retried) {
        String what = status == 401 ? "HTTP 401 Unauthorized" : "HTTP 403 Forbidden";
        if (headers.isEmpty()) {
            return new BridgeFailure(BridgeFailure.Kind.CREDENTIALS_REJECTED, Origins.origin(uri) + " answered " + what
                    + ": it needs credentials; add them with --header 'Authorization: Bearer {REFERENCE}'");
        }
        String again = !headers.hasReferences() ? ""
                : retried ? ", also after resolving the references again (the provider had a newer value)"
                : " (resolved again: the value is unchanged)";
        return new BridgeFailure(BridgeFailure.Kind.CREDENTIALS_REJECTED, Origins.origin(uri) + " answered " + what
                + ": the server did not accept header " + headers.describeReferences() + again
                + "; check that the secret is current and allowed for this server");
    }

    private HttpResponse<InputStream> sendFollowing(String method, URI uri, byte[] body, Map<String, String> extra,
            Map<String, String> values) throws IOException, InterruptedException {
        URI target = uri;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = sendRetrying(request(method, target, body, extra, values));
            int status = response.statusCode();
            if (status < 300 || status > 399 || status == 304) {
                return response;
            }
            discard(response);
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new IOException(Origins.origin(target) + " answered HTTP " + status + " without a Location");
            }
            URI next;
            try {
                next = target.resolve(location.get().strip());
            } catch (IllegalArgumentException e) {
                throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(target) + " redirected (HTTP "
                        + status + ") to a malformed location; not followed");
            }
            if (!Origins.sameOrigin(uri, next) || next.getHost() == null) {
                throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(target) + " redirected (HTTP "
                        + status + ") to another origin, " + (next.getHost() == null ? "(none)" : Origins.origin(next))
                        + "; not followed, so the headers stay with the server you named. "
                        + "If that server is the right one, use its URL.");
            }
            boolean keepsMethod = status == 307 || status == 308 || method.equals("GET");
            if (!keepsMethod) {
                throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(target) + " answered a " + method
                        + " with HTTP " + status + " (a redirect that would drop the message); not followed");
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw new BridgeFailure(BridgeFailure.Kind.REMOTE_FAILED, Origins.origin(target) + ": more than "
                        + MAX_REDIRECTS + " redirects; not followed further");
            }
            target = next;
        }
    }

    /**
     * Sends, retrying while the connection cannot be made: such a request never left this machine,
     * so sending it again cannot run it twice. Anything after the connection (a reset, a timeout
     * while waiting for the answer) may have reached the server and is not retried.
     */
    private HttpResponse<InputStream> sendRetrying(HttpRequest request) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + connectDeadline.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new Unreachable("cannot connect to " + Origins.origin(request.uri()) + " (" + describe(e)
                            + ", " + attempts + " attempt" + (attempts == 1 ? "" : "s") + " within "
                            + String.format(java.util.Locale.ROOT, "%.1f", connectDeadline.toMillis() / 1000.0) + " s)", e);
                }
                LOG.debug("cannot connect to {} ({}); retrying in {} ms", Origins.origin(request.uri()), describe(e),
                        Math.min(backoff, left));
                sleeper.sleep(Math.min(backoff, left));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : e.getMessage();
    }

    private HttpRequest request(String method, URI uri, byte[] body, Map<String, String> extra,
            Map<String, String> values) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        values.forEach(b::header);
        extra.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return b.build();
    }

    /**
     * A request whose answer does not matter (the DELETE that ends a session when the client leaves):
     * one attempt, a short timeout, every failure ignored.
     */
    void sendQuietly(String method, URI uri, Map<String, String> extra) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2));
            headers.values().forEach(b::header);
            extra.forEach(b::header);
            HttpResponse<InputStream> response = client.sendAsync(b.method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofInputStream()).get(2, java.util.concurrent.TimeUnit.SECONDS);
            discard(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                | RuntimeException e) {
            LOG.debug("{} {} failed ({})", method, Origins.origin(uri), e.getClass().getSimpleName());
        }
    }

    private static boolean isAuthFailure(int status) {
        return status == 401 || status == 403;
    }

    /** Closes a response's body unread; its content is never shown (a server may echo request headers). */
    static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            LOG.debug("closing a response body failed", e);
        }
    }
}
