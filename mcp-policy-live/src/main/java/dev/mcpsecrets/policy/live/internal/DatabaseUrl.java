package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.internal.Hosts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A database URL as a config writes it ({@code postgresql://user:pass@host:5432/db?sslmode=require},
 * {@code mysql://...}, {@code jdbc:postgresql://...}, {@code jdbc:mariadb://...}) taken apart. The
 * probe never hands such a URL to a driver: it builds its own from these parts
 * ({@link JdbcSettings}), so nothing in the text can pick a driver feature. {@link #toString()}
 * never shows the password.
 *
 * @param dialect the database family
 * @param host the single host (IPv6 in brackets); {@code localhost} when the URL names none
 * @param port the port
 * @param database the database, possibly empty
 * @param user the user, if the URL names one
 * @param password the password, if the URL holds one
 * @param properties the query parameters other than user and password, in order
 */
record DatabaseUrl(Dialect dialect, String host, int port, String database, Optional<String> user,
        Optional<String> password, Map<String, String> properties) {

    /** Why a text is not a URL the probe can use; never contains the text's password. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /**
     * Whether a text starts like a PostgreSQL or MariaDB/MySQL URL.
     *
     * @param text the text
     * @return {@code true} if its scheme is one the probe knows
     */
    static boolean isDatabaseUrl(String text) {
        return scheme(text).map(Dialect::ofScheme).isPresent();
    }

    static Optional<String> scheme(String text) {
        String t = text.strip();
        if (t.regionMatches(true, 0, "jdbc:", 0, 5)) {
            t = t.substring(5);
        }
        int sep = t.indexOf("://");
        return sep <= 0 ? Optional.empty() : Optional.of(t.substring(0, sep).toLowerCase(Locale.ROOT));
    }

    /**
     * Parses a URL.
     *
     * @param text the URL
     * @return the parts
     * @throws Malformed if it has several hosts, a bad host or port, or an unknown scheme
     */
    static DatabaseUrl parse(String text) throws Malformed {
        Dialect dialect = scheme(text).map(Dialect::ofScheme).orElse(null);
        if (dialect == null) {
            throw new Malformed("not a PostgreSQL or MariaDB/MySQL URL");
        }
        String t = text.strip();
        String rest = t.substring(t.indexOf("://") + 3);
        int pathStart = indexOfAny(rest, "/?#");
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "" : rest.substring(pathStart);
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon))).filter(u -> !u.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        if (authority.contains(",")) {
            throw new Malformed("the URL names several hosts; the probe checks one host at a time");
        }
        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new Malformed("unclosed '[' in the host");
            }
            host = authority.substring(0, close + 1);
            portText = authority.substring(close + 1).startsWith(":") ? authority.substring(close + 2) : "";
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (!Hosts.isWellFormed(host)) {
            throw new Malformed("the host is not a plain host name or IP address");
        }
        int port = dialect.defaultPort();
        if (!portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new Malformed("the port is not a number from 1 to 65535");
            }
        }
        int fragment = tail.indexOf('#');
        if (fragment >= 0) {
            tail = tail.substring(0, fragment);
        }
        int query = tail.indexOf('?');
        String path = query < 0 ? tail : tail.substring(0, query);
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        Map<String, String> properties = new LinkedHashMap<>();
        if (query >= 0) {
            for (String pair : tail.substring(query + 1).split("[&;]")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equalsIgnoreCase("user")) {
                    user = Optional.of(value).filter(u -> !u.isEmpty());
                } else if (key.equalsIgnoreCase("password")) {
                    password = Optional.of(value);
                } else {
                    properties.put(key, value);
                }
            }
        }
        return new DatabaseUrl(dialect, host, port, database, user, password, properties);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) throws Malformed {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Malformed("bad percent-encoding in the URL");
        }
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + dialect + " " + host + ":" + port + "/" + database + ", user " + user.orElse("(none)")
                + ", password " + (password.isPresent() ? "present" : "absent") + ", properties " + properties.keySet() + "]";
    }
}
