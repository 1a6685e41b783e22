package dev.mcpsecrets.policy.live.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One database account a server would connect as. {@link #toString()} never shows a password.
 *
 * @param target where the connection settings are written
 * @param dialect the database family
 * @param host the host
 * @param port the port
 * @param database the database, possibly empty
 * @param user the user, if known
 * @param urlPassword a password found inside a connection string, if any
 * @param urlPasswordWhere where that connection string is, e.g. {@code written in the config}
 * @param passwordWritten a password value as written elsewhere (plaintext, placeholder or reference)
 * @param requestedProperties connection properties the connection string asks for
 * @param declaredReadOnly whether the server is declared read-only
 */
record DatabaseTarget(ProbeTarget target, Dialect dialect, String host, int port, String database,
        Optional<String> user, Optional<String> urlPassword, String urlPasswordWhere, Optional<String> passwordWritten,
        Map<String, String> requestedProperties, boolean declaredReadOnly) {

    /** A user whose name says it only reads, like the guide's {@code prod_readonly}. */
    private static final Pattern READ_ONLY_NAME = Pattern.compile("(?i).*(read_?only|readonly|(^|[_-])ro($|[_-])).*");

    DatabaseTarget {
        requestedProperties = Map.copyOf(requestedProperties);
    }

    static boolean readOnlyByName(Optional<String> user) {
        return user.map(u -> READ_ONLY_NAME.matcher(u).matches()).orElse(false);
    }

    /** The account for messages, e.g. {@code app on PostgreSQL 127.0.0.1:5432/test}. */
    String describe() {
        return user.orElse("(default user)") + " on " + dialect.displayName() + " " + host + ":" + port
                + (database.isEmpty() ? "" : "/" + database);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + target.describe() + ": " + describe() + ", password "
                + (urlPassword.isPresent() || passwordWritten.isPresent() ? "given" : "none") + "]";
    }
}
