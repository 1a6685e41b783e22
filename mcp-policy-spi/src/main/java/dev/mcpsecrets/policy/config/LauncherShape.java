package dev.mcpsecrets.policy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A stdio launcher that connects a client to a remote MCP server ({@code mcp-remote}, {@code supergateway},
 * {@code mcp-proxy} …): where its command line carries the URL, the HTTP headers and other credentials.
 * Loaded from data ({@link LauncherCatalog}), so a new launcher is a new entry, not new code.
 *
 * @param id stable id, e.g. {@code mcp-remote}
 * @param name name for humans
 * @param source where the argument shapes were taken from (the launcher's documentation)
 * @param packages tokens that name it, matched as in {@link ServerShape#packages()}
 * @param subcommand words that must follow the package token (e.g. {@code mcp proxy}), or empty
 * @param urlPositional whether the first positional {@code http(s)://} argument is the URL
 * @param urlFlags flags whose value is the URL ({@code --sse URL}, {@code --sse=URL})
 * @param headerFlags flags whose value is one header, {@code Name: value} or {@code Name:value}
 * @param headerPairFlags flags followed by two arguments, the header's name and its value
 * @param bearerFlags flags whose value is a token sent as {@code Authorization: Bearer TOKEN}
 * @param bearerEnv environment variables the launcher sends as {@code Authorization: Bearer VALUE}
 * @param secretFlags flags whose value is another credential (an OAuth client secret, a password)
 * @param valueFlags other flags that take a value (skipped with it)
 * @param switches flags without a value
 * @param expandsEnvInHeaders whether the launcher replaces {@code ${VAR}} in header values with its own
 *     environment (the entry's {@code env})
 * @since 0.2.0
 */
public record LauncherShape(String id, String name, String source, List<String> packages, List<String> subcommand,
        boolean urlPositional, List<String> urlFlags, List<String> headerFlags, List<String> headerPairFlags,
        List<String> bearerFlags, List<String> bearerEnv, List<String> secretFlags, List<String> valueFlags,
        List<String> switches, boolean expandsEnvInHeaders) {

    /**
     * Copies the lists.
     *
     * @param id the id
     * @param name the name
     * @param source the source
     * @param packages the packages
     * @param subcommand the subcommand words
     * @param urlPositional whether the URL is positional
     * @param urlFlags the URL flags
     * @param headerFlags the header flags
     * @param headerPairFlags the two-argument header flags
     * @param bearerFlags the bearer-token flags
     * @param bearerEnv the bearer-token variables
     * @param secretFlags the other credential flags
     * @param valueFlags the flags with a value
     * @param switches the flags without one
     * @param expandsEnvInHeaders whether {@code ${VAR}} in headers is expanded
     */
    public LauncherShape {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        packages = List.copyOf(packages);
        subcommand = List.copyOf(subcommand);
        urlFlags = List.copyOf(urlFlags);
        headerFlags = List.copyOf(headerFlags);
        headerPairFlags = List.copyOf(headerPairFlags);
        bearerFlags = List.copyOf(bearerFlags);
        bearerEnv = List.copyOf(bearerEnv);
        secretFlags = List.copyOf(secretFlags);
        valueFlags = List.copyOf(valueFlags);
        switches = List.copyOf(switches);
    }

    /**
     * Reads an entry's command line as this launcher would, if it launches this launcher towards a URL.
     *
     * @param server the entry
     * @return what it connects to and with which headers, or empty when the entry does not run this
     *     launcher or names no URL
     */
    public Optional<RemoteLaunch> read(McpServer server) {
        List<JsonValue.StringValue> line = server.commandLine();
        for (int i = 0; i < line.size(); i++) {
            if (ServerShape.namesPackage(line.get(i).value(), packages) && followedBySubcommand(line, i)) {
                return new Reader(server, line, i).read();
            }
        }
        return Optional.empty();
    }

    private boolean followedBySubcommand(List<JsonValue.StringValue> line, int at) {
        for (int k = 0; k < subcommand.size(); k++) {
            if (at + 1 + k >= line.size() || !line.get(at + 1 + k).value().equals(subcommand.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a text is an absolute {@code http(s)} URL. */
    static boolean isHttpUrl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("https://") || t.startsWith("http://");
    }

    /** One pass over the arguments after the launcher's name. */
    private final class Reader {
        private final McpServer server;
        private final List<JsonValue.StringValue> line;
        private final int packageIndex;
        private JsonValue.StringValue url;
        private JsonValue.StringValue urlCarrier;
        private final List<RemoteLaunch.Header> headers = new ArrayList<>();
        private final List<RemoteLaunch.Credential> credentials = new ArrayList<>();
        private final List<JsonValue.StringValue> unknown = new ArrayList<>();
        private final List<JsonValue.StringValue> consumed = new ArrayList<>();

        Reader(McpServer server, List<JsonValue.StringValue> line, int packageIndex) {
            this.server = server;
            this.line = line;
            this.packageIndex = packageIndex;
        }

        Optional<RemoteLaunch> read() {
            int i = packageIndex + 1 + subcommand.size();
            while (i < line.size()) {
                i = next(i);
            }
            for (String variable : bearerEnv) {
                JsonValue.StringValue value = server.env().get(variable);
                if (value != null) {
                    headers.add(new RemoteLaunch.Header("Authorization", "Bearer " + value.value(), value,
                            RemoteLaunch.Header.Form.BEARER_ENV));
                }
            }
            if (url == null) {
                return Optional.empty();
            }
            return Optional.of(new RemoteLaunch(LauncherShape.this, packageIndex, url, urlCarrier, headers, credentials,
                    unknown, consumed));
        }

        /** Reads the argument at {@code i}; returns the index of the next one. */
        private int next(int i) {
            JsonValue.StringValue arg = line.get(i);
            String text = arg.value();
            int eq = text.indexOf('=');
            String flag = text.startsWith("-") && eq > 0 ? text.substring(0, eq) : text;
            boolean inline = !flag.equals(text);
            if (urlFlags.contains(flag) || headerFlags.contains(flag) || bearerFlags.contains(flag)
                    || secretFlags.contains(flag)) {
                JsonValue.StringValue value = inline ? new JsonValue.StringValue(text.substring(eq + 1), arg.location())
                        : i + 1 < line.size() ? line.get(i + 1) : null;
                if (value == null) {
                    unknown.add(arg);
                    return i + 1;
                }
                JsonValue.StringValue carrier = inline ? arg : line.get(i + 1);
                valued(flag, value, carrier);
                if (!inline) {
                    consumed.add(arg);
                }
                return inline ? i + 1 : i + 2;
            }
            if (headerPairFlags.contains(text) && i + 2 < line.size()) {
                JsonValue.StringValue value = line.get(i + 2);
                headers.add(new RemoteLaunch.Header(line.get(i + 1).value().strip(), value.value(), value,
                        RemoteLaunch.Header.Form.PAIR));
                consumed.addAll(List.of(arg, line.get(i + 1), value));
                return i + 3;
            }
            if (valueFlags.contains(flag)) {
                return inline || i + 1 >= line.size() ? i + 1 : i + 2;
            }
            if (switches.contains(text)) {
                return i + 1;
            }
            if (urlPositional && url == null && !text.startsWith("-") && isHttpUrl(text)) {
                url = arg;
                urlCarrier = arg;
                consumed.add(arg);
                return i + 1;
            }
            unknown.add(arg);
            return i + 1;
        }

        private void valued(String flag, JsonValue.StringValue value, JsonValue.StringValue carrier) {
            consumed.add(carrier);
            if (urlFlags.contains(flag)) {
                url = value;
                urlCarrier = carrier;
            } else if (headerFlags.contains(flag)) {
                String h = value.value();
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.add(new RemoteLaunch.Header(h.substring(0, colon).strip(), h.substring(colon + 1).strip(),
                            carrier, RemoteLaunch.Header.Form.JOINED));
                } else {
                    unknown.add(carrier);
                }
            } else if (bearerFlags.contains(flag)) {
                headers.add(new RemoteLaunch.Header("Authorization", "Bearer " + value.value(), carrier,
                        RemoteLaunch.Header.Form.BEARER_FLAG));
            } else {
                credentials.add(new RemoteLaunch.Credential(flag, value.value(), carrier));
            }
        }
    }
}
