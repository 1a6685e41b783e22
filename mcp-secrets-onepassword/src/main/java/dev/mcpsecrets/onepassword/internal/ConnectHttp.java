package dev.mcpsecrets.onepassword.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.retry.RetryWaits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to a Connect server: bearer token, JSON answers, 429 and 5xx retried after
 * {@code Retry-After} or an exponential backoff inside the caller's deadline, and the
 * {@link AuthBreaker} consulted before each request.
 */
final class ConnectHttp {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);

    /** A 200 (with its JSON) or a 404 (without). */
    record Answer(int status, JsonNode json) {
        boolean found() {
            return status == 200;
        }
    }

    private final ConnectEndpoint endpoint;
    private final HttpClient client;
    private final AuthBreaker breaker;

    ConnectHttp(ConnectEndpoint endpoint, AuthBreaker breaker) {
        this.endpoint = endpoint;
        this.breaker = breaker;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    AuthBreaker breaker() {
        return breaker;
    }

    /**
     * Sends a GET.
     *
     * @param pathAndQuery e.g. {@code /v1/vaults}, already encoded
     * @param what the reference(s), for messages
     * @param ctx the deadline
     * @return the answer for 200 or 404
     * @throws SecretException for every other outcome
     */
    Answer get(String pathAndQuery, String what, ResolveContext ctx) throws SecretException {
        URI uri = URI.create(endpoint.base() + pathAndQuery);
        for (int attempt = 1; ; attempt++) {
            breaker.check(what);
            Duration remaining = ctx.remaining();
            if (remaining.isZero()) {
                throw new SecretException(Reason.TIMEOUT, what, "deadline passed while asking 1Password Connect");
            }
            HttpRequest request = HttpRequest.newBuilder(uri).GET()
                    .timeout(remaining.compareTo(REQUEST_LIMIT) < 0 ? remaining : REQUEST_LIMIT)
                    .header("Authorization", "Bearer " + endpoint.token())
                    .header("Accept", "application/json").build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                LOG.debug("GET {} failed: {}", uri.getRawPath(), e.getClass().getSimpleName());
                if (attempt < MAX_ATTEMPTS) {
                    pause(backoff(attempt), what, ctx, Reason.UNAVAILABLE, "cannot reach 1Password Connect at "
                            + endpoint.base() + " (" + e.getClass().getSimpleName() + ")");
                    continue;
                }
                throw new SecretException(Reason.UNAVAILABLE, what, "cannot reach 1Password Connect at "
                        + endpoint.base() + " (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SecretException(Reason.TIMEOUT, what, "interrupted while asking 1Password Connect");
            }
            int status = response.statusCode();
            byte[] body = response.body();
            LOG.debug("GET {} -> {} (attempt {})", uri.getRawPath(), status, attempt);
            try {
                switch (status) {
                    case 200:
                        breaker.success();
                        return new Answer(200, parse(body, what));
                    case 404:
                        breaker.success();
                        return new Answer(404, null);
                    case 401:
                        breaker.authFailure();
                        throw new SecretException(Reason.DENIED, what, "1Password Connect rejected the token (HTTP 401);"
                                + " check " + OpSettings.CONNECT_TOKEN + (breaker.isOpen() ? ". " + breaker.describe() : ""));
                    case 403:
                        breaker.success();
                        throw new SecretException(Reason.DENIED, what, "the Connect token may not read this vault"
                                + " (HTTP 403); grant the token access to it");
                    default:
                        break;
                }
                boolean retryable = status == 429 || status >= 500;
                Reason reason = status == 429 ? Reason.RATE_LIMITED : Reason.UNAVAILABLE;
                String message = "1Password Connect answered HTTP " + status
                        + (status == 429 ? " (too many requests)" : "");
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw new SecretException(reason, what, message + (retryable ? " after " + attempt + " attempts" : ""));
                }
                Duration wait = retryAfter(response).orElse(backoff(attempt));
                pause(wait, what, ctx, reason, message);
            } finally {
                Arrays.fill(body, (byte) 0);
            }
        }
    }

    private static JsonNode parse(byte[] body, String what) throws SecretException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, what, "1Password Connect answered with JSON that cannot "
                    + "be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void pause(Duration wait, String what, ResolveContext ctx, Reason reason, String message)
            throws SecretException {
        RetryWaits.pause(wait, ctx, reason, what, message, "1Password Connect");
    }

    private static Duration backoff(int attempt) {
        return RetryWaits.backoff(FIRST_BACKOFF, attempt);
    }

    /** {@code Retry-After} as seconds or an HTTP date (RFC 9110, section 10.2.3). */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(RetryWaits::retryAfter);
    }
}
