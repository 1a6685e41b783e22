package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.Location;

import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a server checking itself through {@code PolicyGuard} declares about its own settings. The
 * checks of scope {@link PolicyScope#SELF} judge it directly (a declared root of {@code /}, the home
 * or {@code ~/.ssh}, a database user {@code postgres}, a plain-http endpoint, a pasted secret in the
 * settings), and compare it with the client-config entries that start this server (a server that says
 * it is read-only must not be given write access).
 *
 * @param serverName the server's name, as in its MCP client config
 * @param readOnly whether the server promises to only read (files, repositories, databases)
 * @param readRoots directories the server reads
 * @param writeRoots directories the server writes; must be empty when {@code readOnly}
 * @param secretReferences secret name to reference expression, e.g.
 *     {@code GITHUB_TOKEN -> keychain:gh/token || env:GITHUB_TOKEN}
 * @param settings other settings checks may look at (never secret values), e.g.
 *     {@code database.url -> postgresql://app@db/prod}
 * @param databases the databases the server connects to
 * @param endpoints the network endpoints (URLs) the server calls
 * @param commands what starts this server, so the guard finds its client-config entries besides those
 *     named {@link #serverName()}: an entry whose command or an argument is one of these, or ends with
 *     {@code /} and one of these (e.g. {@code files-mcp-server.jar})
 * @since 0.1
 */
public record SelfDeclaration(String serverName, boolean readOnly, List<Path> readRoots, List<Path> writeRoots,
        Map<String, String> secretReferences, Map<String, String> settings, List<Database> databases,
        List<String> endpoints, List<String> commands) {

    /**
     * A database the server declares it connects to.
     *
     * @param url the connection URL as configured, e.g. {@code postgresql://db.internal/app} or a JDBC URL
     *     (a password in it is a finding: pass it as a secret reference)
     * @param user the account, or empty when the URL names it
     * @since 0.2
     */
    public record Database(String url, String user) {
        /**
         * Checks the values.
         *
         * @param url the URL
         * @param user the user, or empty
         */
        public Database {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * Copies the collections.
     *
     * @param serverName the name
     * @param readOnly whether read-only
     * @param readRoots the read roots
     * @param writeRoots the write roots
     * @param secretReferences the secret references
     * @param settings the other settings
     * @param databases the databases
     * @param endpoints the endpoints
     * @param commands what starts the server
     */
    public SelfDeclaration {
        Objects.requireNonNull(serverName, "serverName");
        readRoots = List.copyOf(readRoots);
        writeRoots = List.copyOf(writeRoots);
        secretReferences = Map.copyOf(secretReferences);
        settings = Map.copyOf(settings);
        databases = List.copyOf(databases);
        endpoints = List.copyOf(endpoints);
        commands = List.copyOf(commands);
    }

    /**
     * A declaration without databases, endpoints or commands.
     *
     * @param serverName the name
     * @param readOnly whether read-only
     * @param readRoots the read roots
     * @param writeRoots the write roots
     * @param secretReferences the secret references
     * @param settings the other settings
     */
    public SelfDeclaration(String serverName, boolean readOnly, List<Path> readRoots, List<Path> writeRoots,
            Map<String, String> secretReferences, Map<String, String> settings) {
        this(serverName, readOnly, readRoots, writeRoots, secretReferences, settings, List.of(), List.of(), List.of());
    }

    /**
     * A declaration with only a name; add the rest with the {@code with...} methods.
     *
     * @param serverName the server's name
     * @return the declaration
     */
    public static SelfDeclaration named(String serverName) {
        return new SelfDeclaration(serverName, false, List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * This declaration, read-only or not.
     *
     * @param value whether the server only reads
     * @return a new declaration
     */
    public SelfDeclaration withReadOnly(boolean value) {
        return new SelfDeclaration(serverName, value, readRoots, writeRoots, secretReferences, settings, databases,
                endpoints, commands);
    }

    /**
     * This declaration with these roots.
     *
     * @param read the directories read
     * @param write the directories written
     * @return a new declaration
     */
    public SelfDeclaration withRoots(List<Path> read, List<Path> write) {
        return new SelfDeclaration(serverName, readOnly, read, write, secretReferences, settings, databases, endpoints,
                commands);
    }

    /**
     * This declaration with these secret references.
     *
     * @param references name to reference expression
     * @return a new declaration
     */
    public SelfDeclaration withSecretReferences(Map<String, String> references) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, references, settings, databases,
                endpoints, commands);
    }

    /**
     * This declaration with these other settings.
     *
     * @param values name to value (never a secret)
     * @return a new declaration
     */
    public SelfDeclaration withSettings(Map<String, String> values) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, secretReferences, values, databases,
                endpoints, commands);
    }

    /**
     * This declaration with one more database.
     *
     * @param url the connection URL (no password in it)
     * @param user the account, or empty when the URL names it
     * @return a new declaration
     * @since 0.2
     */
    public SelfDeclaration withDatabase(String url, String user) {
        List<Database> all = new ArrayList<>(databases);
        all.add(new Database(url, user));
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, secretReferences, settings, all,
                endpoints, commands);
    }

    /**
     * This declaration with these network endpoints.
     *
     * @param urls the URLs the server calls
     * @return a new declaration
     * @since 0.2
     */
    public SelfDeclaration withEndpoints(List<String> urls) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, secretReferences, settings, databases,
                urls, commands);
    }

    /**
     * This declaration with what starts the server, to find its client-config entries by command too.
     *
     * @param values e.g. {@code files-mcp-server.jar}
     * @return a new declaration
     * @since 0.2
     */
    public SelfDeclaration withCommands(List<String> values) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, secretReferences, settings, databases,
                endpoints, values);
    }

    /**
     * Where findings about a part of the declaration point: no file, and a pointer below {@code /self}.
     *
     * @param part e.g. {@code readRoots/0}
     * @return the location
     * @since 0.2
     */
    public static Location location(String part) {
        return new Location(null, 0, 0, "/self/" + Objects.requireNonNull(part, "part"));
    }

    /**
     * Whether a client-config entry starts this server: it has the declared name, or its command line
     * holds one of the declared commands.
     *
     * @param server a config entry
     * @return {@code true} if the entry is this server's
     */
    public boolean isStartedBy(McpServer server) {
        if (server.name().equals(serverName)) {
            return true;
        }
        for (JsonValue.StringValue word : server.commandLine()) {
            String w = word.value().strip().replace('\\', '/');
            for (String c : commands) {
                String mark = c.strip().replace('\\', '/');
                if (!mark.isEmpty() && (w.equals(mark) || w.endsWith("/" + mark))) {
                    return true;
                }
            }
        }
        return false;
    }
}
