package dev.mcpsecrets.policy.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.api.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asks the GitHub REST API what a token is: {@code GET /user} with the token, reading the
 * {@code X-OAuth-Scopes} and {@code github-authentication-token-expiration} headers
 * ({@code X-Accepted-OAuth-Scopes} names what the endpoint needs, not what the token holds, so it
 * plays no part). Redirects are never followed (the token
 * must reach only the configured API). Rate limits are honoured: a {@code retry-after} or
 * {@code x-ratelimit-reset} that ends within the deadline is waited for once, a later one is
 * reported.
 */
public final class GitHubApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    /**
     * A client of one API.
     *
     * @param baseUrl the user's API base URL, without a trailing slash
     * @param timeout the deadline of one probe, waits included
     * @param clock the clock (rate-limit resets are wall-clock times)
     */
    public GitHubApi(URI baseUrl, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).build();
    }

    /** What the API said about a token. */
    public sealed interface Answer permits Known, Rejected, RateLimited, Failed {
    }

    /**
     * The token works.
     *
     * @param scopes the {@code X-OAuth-Scopes} list, empty when the header is absent (fine-grained
     *     tokens, GitHub App tokens)
     * @param expiration the expiry, empty when the header is absent (no expiry)
     * @param expirationUnreadable whether an expiry header was present but unreadable
     * @param login the account the token acts as, if the body said
     */
    public record Known(Optional<List<String>> scopes, Optional<Instant> expiration,
            boolean expirationUnreadable, Optional<String> login) implements Answer {
    }

    /**
     * 401: the token is revoked, expired or not a token.
     *
     * @param apiMessage GitHub's {@code message}, e.g. {@code Bad credentials}
     */
    public record Rejected(String apiMessage) implements Answer {
    }

    /**
     * Rate limited past the deadline.
     *
     * @param retryAt when a request may be made again, if known
     */
    public record RateLimited(Optional<Instant> retryAt) implements Answer {
    }

    /**
     * No answer: network error, timeout, unexpected status.
     *
     * @param why one sentence, never containing the token
     */
    public record Failed(String why) implements Answer {
    }

    /**
     * Probes one token.
     *
     * @param token the token; not kept
     * @return the answer
     * @throws InterruptedException if interrupted (the engine's deadline)
     */
    public Answer probe(Secret token) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        try {
            HttpResponse<String> response = send(token, deadline);
            Optional<Duration> wait = rateLimitWait(response);
            if (wait.isPresent()) {
                Instant retryAt = clock.instant().plus(wait.get());
                if (!retryAt.isBefore(deadline)) {
                    return new RateLimited(Optional.of(retryAt));
                }
                Thread.sleep(Math.max(0, wait.get().toMillis()));
                response = send(token, deadline);
                Optional<Duration> again = rateLimitWait(response);
                if (again.isPresent()) {
                    return new RateLimited(Optional.of(clock.instant().plus(again.get())));
                }
            }
            return interpret(response);
        } catch (HttpTimeoutException e) {
            return new Failed("no answer from " + baseUrl + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            // the JDK client's messages name the host at most, never a request header
            return new Failed("could not reach " + baseUrl + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private HttpResponse<String> send(Secret token, Instant deadline) throws IOException, InterruptedException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new HttpTimeoutException("deadline passed");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/user")).timeout(left).GET()
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "mcp-secrets-policy")
                .header("Authorization", "Bearer " + token.revealAsString())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Answer interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401) {
            return new Rejected(message(response.body()).orElse("Bad credentials"));
        }
        if (status != 200) {
            return new Failed(baseUrl + "/user answered HTTP " + status
                    + message(response.body()).map(m -> " (" + m + ")").orElse(""));
        }
        Optional<List<String>> scopes = response.headers().firstValue("x-oauth-scopes").map(GitHubApi::list);
        Optional<String> expiryText = response.headers().firstValue("github-authentication-token-expiration");
        Optional<Instant> expiry = expiryText.flatMap(TokenExpiry::parse);
        Optional<String> login = field(response.body(), "login");
        return new Known(scopes, expiry, expiryText.isPresent() && expiry.isEmpty(), login);
    }

    private Optional<Duration> rateLimitWait(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        OptionalLong retryAfter = number(response, "retry-after");
        if (retryAfter.isPresent()) {
            return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.getAsLong())));
        }
        OptionalLong remaining = number(response, "x-ratelimit-remaining");
        if (remaining.isPresent() && remaining.getAsLong() == 0) {
            OptionalLong reset = number(response, "x-ratelimit-reset");
            Instant at = reset.isPresent() ? Instant.ofEpochSecond(reset.getAsLong()) : clock.instant().plusSeconds(60);
            Duration d = Duration.between(clock.instant(), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        }
        return status == 429 ? Optional.of(Duration.ofSeconds(60)) : Optional.empty();
    }

    private static OptionalLong number(HttpResponse<String> response, String header) {
        Optional<String> v = response.headers().firstValue(header);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static List<String> list(String header) {
        return Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<String> message(String body) {
        return field(body, "message");
    }

    private static Optional<String> field(String body, String name) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            JsonNode v = node == null ? null : node.get(name);
            return v != null && v.isTextual() ? Optional.of(shorten(v.asText())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
