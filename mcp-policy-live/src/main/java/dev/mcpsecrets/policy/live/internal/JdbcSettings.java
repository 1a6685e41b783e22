package dev.mcpsecrets.policy.live.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The JDBC URL and connection properties the probe uses: built from the parsed parts, never copied
 * from a config. Connection properties a config names are reduced to an allow-list of TLS modes;
 * everything else is dropped and reported, because driver properties can load classes
 * ({@code socketFactory}, {@code sslfactory}, {@code sslhostnameverifier},
 * {@code sslpasswordcallback}, {@code authenticationPluginClassName}, {@code tlsSocketType},
 * {@code credentialType}, interceptors), read or write local files ({@code allowLocalInfile},
 * {@code allowLoadLocalInfile}, {@code loggerFile}, {@code sslkey}, {@code serverSslCert},
 * {@code keyStore}), deserialize server data ({@code autoDeserialize}), run SQL on connect
 * ({@code initSql}, {@code sessionVariables}, {@code options}) or reach elsewhere
 * ({@code localSocket}, {@code pipe}, {@code service}). The probe adds its own deadlines, a read-only
 * session where the driver offers one, and turns {@code LOAD DATA LOCAL} off.
 */
final class JdbcSettings {
    private static final Map<Dialect, Map<String, Set<String>>> ALLOWED = Map.of(
            Dialect.POSTGRESQL, Map.of(
                    "sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
                    "ssl", Set.of("true", "false")),
            Dialect.MARIADB, Map.of(
                    "sslMode", Set.of("disable", "trust", "verify-ca", "verify-full")));
    /** The authentication plugins the probe lets a MariaDB/MySQL server ask for (no clear-text password). */
    static final String MARIADB_AUTH = "mysql_native_password,client_ed25519,caching_sha2_password";

    private final String url;
    private final Properties properties;
    private final List<String> dropped;

    private JdbcSettings(String url, Properties properties, List<String> dropped) {
        this.url = url;
        this.properties = properties;
        this.dropped = List.copyOf(dropped);
    }

    /**
     * Builds the URL and properties.
     *
     * @param dialect the database family
     * @param host the host
     * @param port the port
     * @param database the database, possibly empty
     * @param requested properties a config asked for
     * @param timeout the probe's deadline
     * @return the settings, without credentials (see {@link #withCredentials(String, String)})
     */
    static JdbcSettings build(Dialect dialect, String host, int port, String database, Map<String, String> requested,
            Duration timeout) {
        Properties props = new Properties();
        List<String> dropped = new ArrayList<>();
        Map<String, Set<String>> allowed = ALLOWED.get(dialect);
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String canonical = allowed.keySet().stream().filter(k -> k.equalsIgnoreCase(e.getKey())).findFirst()
                    .orElse(null);
            String value = e.getValue().strip().toLowerCase(Locale.ROOT);
            if (canonical != null && allowed.get(canonical).contains(value)) {
                props.setProperty(canonical, value);
            } else {
                dropped.add(e.getKey());
            }
        }
        long millis = Math.max(1, timeout.toMillis());
        String seconds = String.valueOf(Math.max(1, (millis + 999) / 1000));
        if (dialect == Dialect.POSTGRESQL) {
            props.setProperty("connectTimeout", seconds);
            props.setProperty("socketTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            props.setProperty("readOnly", "true");
            props.setProperty("ApplicationName", "mcp-secrets-policy");
        } else {
            props.setProperty("connectTimeout", String.valueOf(millis));
            props.setProperty("socketTimeout", String.valueOf(millis));
            props.setProperty("allowLocalInfile", "false");
            props.setProperty("restrictedAuth", MARIADB_AUTH);
        }
        String url = dialect.jdbcPrefix() + host + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return new JdbcSettings(url, props, dropped.stream().sorted().distinct().toList());
    }

    /**
     * The URL to hand the driver: scheme, host, port and database, no parameters.
     *
     * @return the URL
     */
    String url() {
        return url;
    }

    /**
     * The connection properties a config asked for that were dropped.
     *
     * @return the names, sorted
     */
    List<String> dropped() {
        return dropped;
    }

    /**
     * The connection properties, without credentials.
     *
     * @return a copy
     */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /**
     * The connection properties with the credentials.
     *
     * @param user the user, or {@code null}
     * @param password the password, or {@code null}
     * @return a new property set
     */
    Properties withCredentials(String user, String password) {
        Properties p = properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        return "JdbcSettings[" + url + ", properties " + properties.stringPropertyNames() + ", dropped " + dropped + "]";
    }
}
