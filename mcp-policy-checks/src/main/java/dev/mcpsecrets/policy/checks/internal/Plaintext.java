package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.ValueShape;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.Objects;
import java.util.Optional;

/**
 * A plaintext secret found in an MCP client config. Holds the value in memory only, to fingerprint
 * it; {@link #toString()} and {@link #masked} never show it.
 *
 * @param config the config file
 * @param server the server entry
 * @param shape what the catalog knows about the server
 * @param carrier the JSON string that holds the secret (its location is the finding's)
 * @param place where in the entry
 * @param name the variable, header or option name, or empty for URLs and free text
 * @param kind what the secret is, e.g. {@code GitHub token}
 * @param knownFormat whether a format rule matched (else a credential-named literal)
 * @param value the secret itself
 */
record Plaintext(McpConfigFile config, McpServer server, Optional<ServerShape> shape, JsonValue.StringValue carrier,
        Place place, String name, String kind, boolean knownFormat, String value) {

    /** Where in a server entry a secret sits. */
    enum Place {
        /** An {@code env} value. */
        ENV("environment variable"),
        /** A {@code headers} value. */
        HEADER("header"),
        /** The server URL. */
        URL("URL"),
        /** A command-line argument. */
        ARG("command-line argument"),
        /** The script of {@code sh -c}. */
        SHELL_SCRIPT("sh -c script"),
        /** A header a stdio launcher sends to a remote server, on its command line. */
        LAUNCHER_HEADER("command-line header"),
        /** The remote URL a stdio launcher connects to, on its command line. */
        LAUNCHER_URL("command-line remote URL");

        private final String label;

        Place(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        boolean onCommandLine() {
            return this == ARG || this == SHELL_SCRIPT || this == LAUNCHER_HEADER || this == LAUNCHER_URL;
        }

        /** Whether the value is sent to a remote server as a header or in its URL. */
        boolean remote() {
            return this == HEADER || this == URL || this == LAUNCHER_HEADER || this == LAUNCHER_URL;
        }
    }

    Plaintext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Kind, length and keyed fingerprint, e.g. {@code GitHub token, 40 characters, hmac:3f9a0c12}.
     *
     * @param fingerprinter the keyed fingerprinter
     * @return the masked description
     */
    String masked(KeyedFingerprinter fingerprinter) {
        return Masks.describe(kind, value, fingerprinter);
    }

    /**
     * Where it is, for messages: {@code environment variable GITHUB_TOKEN of server 'github'}.
     *
     * @return the description
     */
    String where() {
        String what = name.isEmpty() ? place.label() : place.label() + " " + name;
        return what + " of server '" + server.label() + "'";
    }

    /**
     * The environment variable that should carry this secret: its own name when that is one, else the
     * server's first catalog credential variable, else one derived from the flag.
     *
     * @return e.g. {@code GITHUB_TOKEN}, {@code PGPASSWORD}, {@code API_KEY}
     */
    String variableName() {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return name;
        }
        if (shape.isPresent() && !shape.get().secretEnv().isEmpty()) {
            return shape.get().secretEnv().get(0);
        }
        String derived = name.replaceFirst("^-+", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
        return derived.isEmpty() ? "SECRET" : derived;
    }

    @Override
    public String toString() {
        return "Plaintext[" + where() + ", " + ValueShape.describe(kind, value) + "]";
    }

    /** Shared masking of values in messages. */
    static final class Masks {
        private Masks() {
        }

        static String describe(String kind, CharSequence value, KeyedFingerprinter fingerprinter) {
            return ValueShape.describe(kind, value) + ", "
                    + KeyedFingerprinter.shortForm(fingerprinter.fingerprint(value));
        }
    }
}
