package dev.mcpsecrets.policy.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stdio entry that runs a launcher towards a remote MCP server, read as the launcher reads its
 * command line ({@link LauncherShape#read}). Holds values of the config: its {@code toString()} shows
 * none of them.
 *
 * @param launcher the launcher
 * @param packageIndex index in {@link McpServer#commandLine()} of the token naming the launcher
 * @param url the remote URL (its location is the argument's)
 * @param urlCarrier the argument that holds the URL ({@code URL} itself or {@code --sse=URL})
 * @param headers the headers the launcher sends, in command-line order, then those it takes from its
 *     environment
 * @param credentials other credentials on its command line (OAuth client secret, password)
 * @param unknown arguments the launcher's data does not describe
 * @param consumed the arguments holding the URL, the headers and the credentials, with their flags
 * @since 0.2.0
 */
public record RemoteLaunch(LauncherShape launcher, int packageIndex, JsonValue.StringValue url,
        JsonValue.StringValue urlCarrier, List<Header> headers, List<Credential> credentials,
        List<JsonValue.StringValue> unknown, List<JsonValue.StringValue> consumed) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

    /**
     * Copies the lists.
     *
     * @param launcher the launcher
     * @param packageIndex the index of its name
     * @param url the URL
     * @param urlCarrier the argument holding it
     * @param headers the headers
     * @param credentials the other credentials
     * @param unknown the arguments not understood
     * @param consumed the arguments understood as URL, headers and credentials
     */
    public RemoteLaunch {
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlCarrier, "urlCarrier");
        headers = List.copyOf(headers);
        credentials = List.copyOf(credentials);
        unknown = List.copyOf(unknown);
        consumed = List.copyOf(consumed);
    }

    /**
     * Whether an argument of the entry is one the launcher reads as URL, header or credential.
     *
     * @param arg an argument of the entry's command line
     * @return {@code true} if it was consumed as such
     */
    public boolean consumes(JsonValue.StringValue arg) {
        return consumed.stream().anyMatch(c -> c == arg);
    }

    /**
     * The variables of the entry's {@code env} that header values name as {@code ${VAR}}, when the
     * launcher expands them.
     *
     * @param server the entry
     * @return the variable names, in header order
     */
    public List<String> headerVariables(McpServer server) {
        if (!launcher.expandsEnvInHeaders()) {
            return List.of();
        }
        return headers.stream().flatMap(h -> VARIABLE.matcher(h.value()).results().map(m -> m.group(1)))
                .filter(server.env()::containsKey).distinct().toList();
    }

    /**
     * A header's value as the launcher sends it: {@code ${VAR}} replaced by the entry's {@code env}
     * value when the launcher expands variables.
     *
     * @param header one of {@link #headers()}
     * @param env the entry's environment
     * @return the value, or empty when it names a variable the entry does not set (it then comes from
     *     the client's environment, which a config does not show)
     */
    public Optional<String> sentValue(Header header, Map<String, JsonValue.StringValue> env) {
        if (!launcher.expandsEnvInHeaders()) {
            return Optional.of(header.value());
        }
        Matcher m = VARIABLE.matcher(header.value());
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            JsonValue.StringValue v = env.get(m.group(1));
            if (v == null) {
                return Optional.empty();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v.value()));
        }
        m.appendTail(sb);
        return Optional.of(sb.toString());
    }

    @Override
    public String toString() {
        return "RemoteLaunch[" + launcher.id() + ", " + headers.size() + " headers, " + credentials.size()
                + " credentials, " + unknown.size() + " other arguments]";
    }

    /**
     * A header the launcher sends.
     *
     * @param name the header's name
     * @param value its value as written (for {@link Form#BEARER_FLAG} and {@link Form#BEARER_ENV}:
     *     {@code Bearer } and the token)
     * @param carrier the JSON string that holds it (an argument, or the env value)
     * @param form how it is written
     */
    public record Header(String name, String value, JsonValue.StringValue carrier, Form form) {
        /** How a header is written on the command line. */
        public enum Form {
            /** {@code --header 'Name: value'}. */
            JOINED,
            /** {@code -H Name value}. */
            PAIR,
            /** {@code --oauth2Bearer TOKEN}: the token only. */
            BEARER_FLAG,
            /** A variable of the entry's env the launcher sends as a bearer token. */
            BEARER_ENV
        }

        /**
         * Validates the parts.
         *
         * @param name the name
         * @param value the value
         * @param carrier the carrier
         * @param form the form
         */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(carrier, "carrier");
            Objects.requireNonNull(form, "form");
        }

        @Override
        public String toString() {
            return "Header[" + name + ", " + form + "]";
        }
    }

    /**
     * Another credential on the launcher's command line.
     *
     * @param flag the flag, e.g. {@code --client-secret}
     * @param value its value
     * @param carrier the argument that holds it
     */
    public record Credential(String flag, String value, JsonValue.StringValue carrier) {
        /**
         * Validates the parts.
         *
         * @param flag the flag
         * @param value the value
         * @param carrier the carrier
         */
        public Credential {
            Objects.requireNonNull(flag, "flag");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(carrier, "carrier");
        }

        @Override
        public String toString() {
            return "Credential[" + flag + "]";
        }
    }
}
