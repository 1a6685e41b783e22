package dev.mcpsecrets.vault.internal;

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
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to one Vault server: the token only in {@code X-Vault-Token}, the namespace in
 * {@code X-Vault-Namespace}, JSON answers, every request under the caller's deadline. Statuses as in
 * Vault's HTTP API: 200/204 success, 403 forbidden, 404 not found (passed to the caller, which knows
 * what it asked), 429 a rate-limit quota (on API paths 429 is never "standby": that meaning belongs to
 * {@code sys/health}, which is not called), 412 not yet consistent, 503 sealed or in maintenance, 3xx a
 * standby that redirects (not followed: the token goes only to {@code VAULT_ADDR}). 429, 412 and 5xx
 * but 503 are retried after {@code Retry-After} or a short backoff when that fits in the deadline.
 */
final class VaultHttp {
    private static final Logger LOG = LoggerFactory.getLogger(VaultHttp.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(10);
    private static final int MAX_ERROR_TEXT = 200;

    /**
     * An answer the caller interprets: 200, 204, 403 or 404.
     *
     * @param status the HTTP status
     * @param json the body, or an empty object
     * @param errors Vault's {@code errors}, cleaned for messages, or empty
     */
    record Answer(int status, JsonNode json, String errors) {
        boolean ok() {
            return status == 200 || status == 204;
        }
    }

    private final VaultSettings settings;
    private final HttpClient client;

    VaultHttp(VaultSettings settings, SSLContext tls) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
    }

    VaultSettings settings() {
        return settings;
    }

    /**
     * Sends a request.
     *
     * @param method GET or POST
     * @param pathAndQuery below {@code /v1/}, already encoded, e.g. {@code secret/data/app}
     * @param body the JSON body of a POST (wiped afterwards by the caller), or {@code null}
     * @param token the token for {@code X-Vault-Token}, or {@code null} for a login
     * @param what the reference(s), for messages
     * @param ctx the deadline
     * @return the answer for 200, 204, 403 and 404
     * @throws SecretException for every other outcome, with its reason
     */
    Answer send(String method, String pathAndQuery, byte[] body, String token, String what, ResolveContext ctx)
            throws SecretException {
        URI uri = URI.create(settings.address() + "/v1/" + pathAndQuery);
        String shownPath = "/v1/" + pathAndQuery;
        for (int attempt = 1; ; attempt++) {
            Duration remaining = ctx.remaining();
            if (remaining.isZero()) {
                throw new SecretException(Reason.TIMEOUT, what, "deadline passed before Vault answered " + method + " "
                        + shownPath);
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                    .timeout(remaining.compareTo(REQUEST_LIMIT) < 0 ? remaining : REQUEST_LIMIT)
                    .header("Accept", "application/json");
            if (token != null) {
                rb.header("X-Vault-Token", token);
            }
            if (settings.namespace() != null) {
                rb.header("X-Vault-Namespace", settings.namespace());
            }
            if (body != null) {
                rb.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                throw new SecretException(ctx.isExpired() ? Reason.TIMEOUT : Reason.UNAVAILABLE, what, "Vault at "
                        + settings.address() + " did not answer " + method + " " + shownPath + " in time");
            } catch (IOException e) {
                LOG.debug("{} {} failed: {}", method, shownPath, e.getClass().getSimpleName());
                throw new SecretException(Reason.UNAVAILABLE, what, "cannot reach Vault at " + settings.address() + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() != null && e.getMessage().contains("PKIX")
                        ? ": its certificate is not trusted; set " + VaultSettings.CACERT : "") + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SecretException(Reason.TIMEOUT, what, "interrupted while asking Vault");
            }
            int status = response.statusCode();
            byte[] raw = response.body();
            LOG.debug("{} {} -> {} (attempt {})", method, shownPath, status, attempt);
            try {
                JsonNode json = parse(raw);
                String errors = errors(json, token);
                if (status == 200 || status == 204 || status == 403 || status == 404) {
                    if (status == 200 && json == null) {
                        throw new SecretException(Reason.UNAVAILABLE, what, "Vault answered " + shownPath
                                + " with a body that is not JSON");
                    }
                    return new Answer(status, json == null ? JSON.createObjectNode() : json, errors);
                }
                Reason reason = reason(status);
                String message = describe(status, shownPath, errors);
                boolean retryable = status == 429 || status == 412 || (status >= 500 && status != 503 && status < 600);
                if (!retryable || attempt >= MAX_ATTEMPTS) {
                    throw new SecretException(reason, what, message + (retryable ? " (after " + attempt + " attempts)"
                            : ""));
                }
                Duration wait = response.headers().firstValue("Retry-After").flatMap(RetryWaits::retryAfter)
                        .orElse(RetryWaits.backoff(FIRST_BACKOFF, attempt));
                RetryWaits.pause(wait, ctx, reason, what, message, "Vault");
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    private static Reason reason(int status) {
        if (status == 429) {
            return Reason.RATE_LIMITED;
        }
        if (status == 401) {
            return Reason.DENIED;
        }
        if (status == 400 || status == 405) {
            return Reason.MALFORMED;
        }
        return Reason.UNAVAILABLE;
    }

    private String describe(int status, String path, String errors) {
        String detail = errors.isEmpty() ? "" : ": " + errors;
        if (status == 503) {
            return "Vault at " + settings.address() + " is sealed or down for maintenance (HTTP 503 on " + path + ")"
                    + detail;
        }
        if (status == 429) {
            return "Vault at " + settings.address() + " is rate-limiting requests (HTTP 429 on " + path + ")" + detail;
        }
        if (status >= 300 && status < 400) {
            return "Vault at " + settings.address() + " redirected " + path + " (HTTP " + status + "): a standby node "
                    + "that does not forward requests; point " + VaultSettings.ADDR + " at the active node or its load "
                    + "balancer (the token is sent nowhere else)";
        }
        if (status == 412) {
            return "Vault at " + settings.address() + " is not yet consistent for " + path + " (HTTP 412)" + detail;
        }
        return "Vault at " + settings.address() + " answered HTTP " + status + " on " + path + detail;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Vault's {@code {"errors": [...]}} as one line: control characters and the "N errors occurred"
     * wrapping dropped, each text cut at 200 characters, and the token blanked should a server echo it.
     */
    static String errors(JsonNode json, String token) {
        if (json == null || !json.path("errors").isArray()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode e : json.path("errors")) {
            String text = e.asText("").replaceAll("\\d+ errors? occurred:", "").replaceAll("[\\p{Cntrl}\\p{Cf}]+", " ")
                    .replace("* ", "").strip();
            if (token != null && !token.isEmpty()) {
                text = text.replace(token, "<token>");
            }
            if (text.length() > MAX_ERROR_TEXT) {
                text = text.substring(0, MAX_ERROR_TEXT) + "…";
            }
            if (!text.isEmpty()) {
                out.append(out.length() == 0 ? "" : "; ").append(text);
            }
        }
        return out.toString();
    }
}
