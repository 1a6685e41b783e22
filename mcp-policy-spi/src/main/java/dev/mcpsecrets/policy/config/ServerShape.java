package dev.mcpsecrets.policy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about one kind of MCP server: how to recognise it and where it takes its
 * filesystem roots, credentials and database URLs. Loaded from data ({@link ServerCatalog}), so a
 * new server is a new entry, not new code.
 *
 * @param id stable id, e.g. {@code github}
 * @param name name for humans
 * @param category e.g. {@code filesystem}, {@code github}, {@code database}, {@code search}
 * @param packages npm/PyPI package names, Docker images or executables that identify it; a token of
 *     the command line matches when it equals one, starts with one followed by {@code @} or
 *     {@code :} (a version or tag), or ends with {@code /} and one (a path to it)
 * @param urlPatterns substrings of the URL that identify a remote instance
 * @param secretEnv environment variables that carry credentials
 * @param secretHeaders HTTP headers that carry credentials
 * @param secretArgFlags command-line flags whose value (next argument, or after {@code =}) is a
 *     credential
 * @param databaseUrlEnv environment variables that hold a database URL or connection string
 * @param databaseUrlInArgs whether positional arguments hold a database URL
 * @param databaseUserEnv environment variables that name the database user
 * @param filesystemRootsInArgs whether the positional arguments after the package are the roots
 *     the server may access
 * @param readOnlyFlags command-line flags that make the server read-only
 * @param readOnlyEnv environment variables that make it read-only when set to a true value
 * @param secretArgEnv for a flag of {@code secretArgFlags}, the environment variable the server reads
 *     the same credential from when the flag is absent (so {@code migrate} can move it there)
 * @param urlPasswordEnv the environment variable the server's client library takes the password from
 *     when a database URL in its arguments has none (e.g. {@code PGPASSWORD} for node-postgres), or
 *     empty
 * @since 0.1
 */
public record ServerShape(String id, String name, String category, List<String> packages, List<String> urlPatterns,
        List<String> secretEnv, List<String> secretHeaders, List<String> secretArgFlags, List<String> databaseUrlEnv,
        boolean databaseUrlInArgs, List<String> databaseUserEnv, boolean filesystemRootsInArgs,
        List<String> readOnlyFlags, List<String> readOnlyEnv, Map<String, String> secretArgEnv,
        Optional<String> urlPasswordEnv) {

    /**
     * A shape without environment alternatives for its credential flags or URL passwords.
     *
     * @param id the id
     * @param name the name
     * @param category the category
     * @param packages the packages
     * @param urlPatterns the URL patterns
     * @param secretEnv the secret env names
     * @param secretHeaders the secret headers
     * @param secretArgFlags the secret flags
     * @param databaseUrlEnv the database URL env names
     * @param databaseUrlInArgs whether args hold database URLs
     * @param databaseUserEnv the database user env names
     * @param filesystemRootsInArgs whether args hold roots
     * @param readOnlyFlags the read-only flags
     * @param readOnlyEnv the read-only env names
     */
    public ServerShape(String id, String name, String category, List<String> packages, List<String> urlPatterns,
            List<String> secretEnv, List<String> secretHeaders, List<String> secretArgFlags, List<String> databaseUrlEnv,
            boolean databaseUrlInArgs, List<String> databaseUserEnv, boolean filesystemRootsInArgs,
            List<String> readOnlyFlags, List<String> readOnlyEnv) {
        this(id, name, category, packages, urlPatterns, secretEnv, secretHeaders, secretArgFlags, databaseUrlEnv,
                databaseUrlInArgs, databaseUserEnv, filesystemRootsInArgs, readOnlyFlags, readOnlyEnv, Map.of(),
                Optional.empty());
    }

    /**
     * Copies the lists.
     *
     * @param id the id
     * @param name the name
     * @param category the category
     * @param packages the packages
     * @param urlPatterns the URL patterns
     * @param secretEnv the secret env names
     * @param secretHeaders the secret headers
     * @param secretArgFlags the secret flags
     * @param databaseUrlEnv the database URL env names
     * @param databaseUrlInArgs whether args hold database URLs
     * @param databaseUserEnv the database user env names
     * @param filesystemRootsInArgs whether args hold roots
     * @param readOnlyFlags the read-only flags
     * @param readOnlyEnv the read-only env names
     * @param secretArgEnv the environment alternatives of credential flags
     * @param urlPasswordEnv the variable for a database URL's password
     */
    public ServerShape {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        packages = List.copyOf(packages);
        urlPatterns = List.copyOf(urlPatterns);
        secretEnv = List.copyOf(secretEnv);
        secretHeaders = List.copyOf(secretHeaders);
        secretArgFlags = List.copyOf(secretArgFlags);
        databaseUrlEnv = List.copyOf(databaseUrlEnv);
        databaseUserEnv = List.copyOf(databaseUserEnv);
        readOnlyFlags = List.copyOf(readOnlyFlags);
        readOnlyEnv = List.copyOf(readOnlyEnv);
        secretArgEnv = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secretArgEnv));
        Objects.requireNonNull(urlPasswordEnv, "urlPasswordEnv");
    }

    /**
     * Whether a server entry is of this kind.
     *
     * @param server the entry
     * @return {@code true} if a command-line token names one of the packages or the URL matches
     */
    public boolean matches(McpServer server) {
        return packageIndex(server).isPresent()
                || server.url().map(u -> urlPatterns.stream().anyMatch(u.value()::contains)).orElse(false);
    }

    /**
     * The index in {@link McpServer#commandLine()} of the token naming the package.
     *
     * @param server the entry
     * @return the index, or empty
     */
    public Optional<Integer> packageIndex(McpServer server) {
        List<JsonValue.StringValue> line = server.commandLine();
        for (int i = 0; i < line.size(); i++) {
            if (namesPackage(line.get(i).value(), packages)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whether a command-line token names one of the packages (as itself, with a version or tag, or by path). */
    static boolean namesPackage(String token, List<String> packages) {
        for (String p : packages) {
            if (token.equals(p) || token.startsWith(p + "@") || token.startsWith(p + ":") || token.endsWith("/" + p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The filesystem roots given to the server: positional arguments after the package (for a
     * filesystem server), and the host side of Docker {@code -v}/{@code --mount} bind mounts.
     *
     * @param server the entry
     * @return each root's path text and the argument that holds it, in order
     */
    public List<Root> filesystemRoots(McpServer server) {
        List<Root> roots = new ArrayList<>();
        List<JsonValue.StringValue> line = server.commandLine();
        Optional<Integer> start = packageIndex(server);
        for (int i = 0; i < line.size(); i++) {
            JsonValue.StringValue arg = line.get(i);
            String token = arg.value();
            if ((token.equals("-v") || token.equals("--volume")) && i + 1 < line.size()) {
                String spec = line.get(i + 1).value();
                // "C:\\data:/data" starts with a drive letter; "/:/mcp" is the root directory mounted at /mcp
                boolean drive = spec.length() > 2 && Character.isLetter(spec.charAt(0)) && spec.charAt(1) == ':';
                int colon = spec.indexOf(':', drive ? 2 : 0);
                roots.add(new Root(colon > 0 ? spec.substring(0, colon) : spec, line.get(i + 1)));
            } else if (token.equals("--mount") && i + 1 < line.size()) {
                mountSource(line.get(i + 1)).ifPresent(roots::add);
            } else if (token.startsWith("--mount=")) {
                mountSource(new JsonValue.StringValue(token.substring(8), arg.location())).ifPresent(
                        r -> roots.add(new Root(r.path(), arg)));
            }
        }
        if (filesystemRootsInArgs && start.isPresent()) {
            for (int i = start.get() + 1; i < line.size(); i++) {
                String token = line.get(i).value();
                if (!token.startsWith("-") && !token.isEmpty()) {
                    roots.add(new Root(token, line.get(i)));
                }
            }
        }
        return List.copyOf(roots);
    }

    private static Optional<Root> mountSource(JsonValue.StringValue spec) {
        for (String part : spec.value().split(",")) {
            String p = part.strip();
            for (String key : new String[] {"source=", "src="}) {
                if (p.toLowerCase(Locale.ROOT).startsWith(key)) {
                    return Optional.of(new Root(p.substring(key.length()), spec));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the entry makes the server read-only through a flag or variable.
     *
     * @param server the entry
     * @return {@code true} if a read-only flag or a true read-only variable is present
     */
    public boolean isReadOnly(McpServer server) {
        boolean flag = server.args().stream().anyMatch(a -> readOnlyFlags.contains(a.value())
                || readOnlyFlags.stream().anyMatch(f -> a.value().equalsIgnoreCase(f + "=true")));
        boolean env = readOnlyEnv.stream().map(server.env()::get).filter(Objects::nonNull)
                .anyMatch(v -> List.of("1", "true", "yes", "on").contains(v.value().strip().toLowerCase(Locale.ROOT)));
        return flag || env;
    }

    /**
     * The values of the entry that hold database URLs: the listed variables, and positional
     * arguments that look like a database URL when {@link #databaseUrlInArgs()}.
     *
     * @param server the entry
     * @return the values, in order
     */
    public List<JsonValue.StringValue> databaseUrls(McpServer server) {
        List<JsonValue.StringValue> urls = new ArrayList<>();
        databaseUrlEnv.stream().map(server.env()::get).filter(Objects::nonNull).forEach(urls::add);
        if (databaseUrlInArgs) {
            server.args().stream().filter(a -> looksLikeDatabaseUrl(a.value())).forEach(urls::add);
        }
        return List.copyOf(urls);
    }

    /**
     * Whether a text looks like a database URL ({@code postgresql://}, {@code mysql://},
     * {@code jdbc:...}, {@code mongodb+srv://} and similar).
     *
     * @param text the text
     * @return {@code true} if it starts with a known database scheme
     */
    public static boolean looksLikeDatabaseUrl(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://",
                "mongodb+srv://", "redis://", "rediss://", "sqlserver://", "mssql://", "jdbc:", "clickhouse://",
                "snowflake://", "oracle://"}) {
            if (t.startsWith(scheme)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A filesystem root given to a server.
     *
     * @param path the path as written (may start with {@code ~} or be relative)
     * @param source the argument that holds it (its location is the finding's location)
     */
    public record Root(String path, JsonValue.StringValue source) {
        /**
         * Validates the parts.
         *
         * @param path the path
         * @param source the source
         */
        public Root {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(source, "source");
        }
    }
}
