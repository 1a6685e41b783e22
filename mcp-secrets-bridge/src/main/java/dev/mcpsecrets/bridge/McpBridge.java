package dev.mcpsecrets.bridge;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.bridge.internal.BridgeFailure;
import dev.mcpsecrets.bridge.internal.BridgeSession;
import dev.mcpsecrets.bridge.internal.HeaderSet;
import dev.mcpsecrets.bridge.internal.HeaderTemplate;
import dev.mcpsecrets.bridge.internal.Origins;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stdio MCP server that forwards every JSON-RPC message unchanged to a remote MCP server (Streamable
 * HTTP, falling back to HTTP+SSE when the server answers the initialize POST with 4xx), adding headers
 * whose values embed secret references in braces:
 *
 * <pre>{@code
 * McpBridge bridge = McpBridge.builder("https://mcp.example.com/mcp")
 *         .header("Authorization", "Bearer {op://Private/Notion/token}")
 *         .secrets(secrets)
 *         .build();                 // checks the URL and headers, resolves the references
 * bridge.run(System.in, System.out); // until the client closes stdin
 * }</pre>
 *
 * <p>{@code {REF}} is replaced by the secret {@code REF} names (alternatives with {@code ||} allowed),
 * {@code ${VAR}} by the environment variable {@code VAR} (as {@code env:VAR}), {@code {{} and
 * {@code }}} stand for literal braces. Values are resolved once when built and again when the server
 * answers 401 or 403; they never appear in a log, a message or an exception.
 *
 * @since 0.2.0
 */
public final class McpBridge {
    private static final Logger LOG = LoggerFactory.getLogger(McpBridge.class);

    private final URI endpoint;
    private final HeaderSet headers;
    private final HttpClient client;
    private final Duration connectDeadline;
    private final int maxMessageBytes;

    private McpBridge(Builder b, URI endpoint, HeaderSet headers) {
        this.endpoint = endpoint;
        this.headers = headers;
        this.connectDeadline = b.connectDeadline;
        this.maxMessageBytes = b.maxMessageBytes;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(b.connectDeadline.compareTo(Duration.ofSeconds(10)) < 0 ? b.connectDeadline
                        : Duration.ofSeconds(10))
                // plain http:// is for this machine only: no h2c upgrade dance on it
                .version("https".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Starts a builder for the remote server at this URL.
     *
     * @param url {@code https://…}, or {@code http://} to this machine
     * @return a new builder
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * The remote server's URL.
     *
     * @return the URL as checked
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Bridges until the client closes {@code in} (the normal end) or a failure ends the session; either
     * way, every request the client is still waiting on is answered with a JSON-RPC error first.
     *
     * @param in the client's messages, one per line
     * @param out where the server's messages go, one per line
     * @throws BridgeException when a failure ended the session: {@link BridgeException#exit()} says which
     * @throws InterruptedException when interrupted
     */
    public void run(InputStream in, OutputStream out) throws InterruptedException {
        try {
            new BridgeSession(endpoint, headers, client, connectDeadline, maxMessageBytes, Thread::sleep).run(in, out);
        } catch (BridgeFailure e) {
            throw exception(e);
        }
    }

    private static BridgeException exception(BridgeFailure failure) {
        return new BridgeException(BridgeExit.valueOf(failure.kind().name()), failure.getMessage());
    }

    @Override
    public String toString() {
        return "McpBridge[" + endpoint.getScheme() + "://" + endpoint.getHost() + ", headers "
                + headers.describeReferences() + "]";
    }

    /** Collects the URL, headers and settings; {@link #build()} checks them all. */
    public static final class Builder {
        private final String url;
        private final List<String[]> headers = new ArrayList<>();
        private final List<String> headerLines = new ArrayList<>();
        private Secrets secrets;
        private Duration connectDeadline = Duration.ofSeconds(10);
        private int maxMessageBytes = 64 * 1024 * 1024;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /**
         * Adds a header.
         *
         * @param name the header name
         * @param template its value, with {@code {REF}}, {@code ${VAR}}, {@code {{} and {@code }}}
         * @return this builder
         */
        public Builder header(String name, String template) {
            headers.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(template, "template")});
            return this;
        }

        /**
         * Adds a header written as {@code NAME: VALUE} (the form of {@code --header}).
         *
         * @param line the header line
         * @return this builder
         */
        public Builder headerLine(String line) {
            headerLines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /**
         * Where references are resolved. Required when a header holds one; the caller closes it.
         *
         * @param secrets the facade
         * @return this builder
         */
        public Builder secrets(Secrets secrets) {
            this.secrets = secrets;
            return this;
        }

        /**
         * How long a connection that cannot be made is retried, with backoff (default 10 s).
         *
         * @param deadline a positive duration
         * @return this builder
         */
        public Builder connectDeadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("the connect deadline must be positive");
            }
            this.connectDeadline = deadline;
            return this;
        }

        /**
         * Checks the URL and headers and resolves the references.
         *
         * @return the bridge, ready to run
         * @throws BridgeException (usage) for a malformed or insecure URL or header; (secret unavailable)
         *     when a reference cannot be resolved
         */
        public McpBridge build() {
            try {
                return checked();
            } catch (BridgeFailure e) {
                throw exception(e);
            }
        }

        private McpBridge checked() {
            Set<String> schemes = secrets != null ? secrets.knownSchemes()
                    : dev.mcpsecrets.api.SecretRef.WELL_KNOWN_SCHEMES;
            List<HeaderTemplate> templates = new ArrayList<>();
            for (String[] h : headers) {
                templates.add(HeaderTemplate.parse(h[0], h[1], schemes));
            }
            for (String line : headerLines) {
                templates.add(HeaderTemplate.parseLine(line, schemes));
            }
            Set<String> names = new HashSet<>();
            for (HeaderTemplate t : templates) {
                if (!names.add(t.name().toLowerCase(Locale.ROOT))) {
                    throw new BridgeException(BridgeExit.USAGE, "header '" + t.name() + "' is given twice");
                }
                if (t.isLiteral() && t.looksLikeCredential()) {
                    LOG.warn("header '{}' is plain text where it is written (arguments, config); "
                            + "put the value in a store and write a reference: '{}: Bearer {{keychain:…}}'", t.name(),
                            t.name());
                }
            }
            if (secrets == null && templates.stream().anyMatch(t -> !t.isLiteral())) {
                throw new IllegalStateException("headers hold references: secrets(...) is required");
            }
            URI endpoint = Origins.checkEndpoint(url, !templates.isEmpty());
            HeaderSet set = new HeaderSet(templates, secrets);
            set.resolve();
            return new McpBridge(this, endpoint, set);
        }
    }
}
