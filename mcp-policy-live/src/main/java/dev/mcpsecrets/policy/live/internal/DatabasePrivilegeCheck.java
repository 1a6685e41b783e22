package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.internal.Hosts;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Live probe: connects to each database a configured server would use and asks what its account may
 * do (MariaDB/MySQL {@code SHOW GRANTS}, PostgreSQL role flags and table privileges).
 *
 * <ul>
 *   <li>{@code MCP-LIVE-DB-001}: the account is root or a superuser.</li>
 *   <li>{@code MCP-LIVE-DB-002}: administrative privileges ({@code ALL PRIVILEGES}, {@code GRANT OPTION},
 *       {@code SUPER}, {@code FILE}, {@code CREATE USER}, {@code PROCESS}, {@code SHUTDOWN}, role flags,
 *       server-file roles).</li>
 *   <li>{@code MCP-LIVE-DB-003}: privileges beyond the allowed ones (DDL, {@code DELETE}, ...).</li>
 *   <li>{@code MCP-LIVE-DB-004}: a server declared read-only can write, in production.</li>
 *   <li>{@code MCP-LIVE-DB-005}: a password written inside a connection string.</li>
 *   <li>{@code MCP-LIVE-DB-006}: the account could not be checked (host not allowed, driver missing,
 *       connection or login failed).</li>
 *   <li>{@code MCP-LIVE-DB-007}: connection properties of a connection string were refused.</li>
 * </ul>
 * A host named by a config is contacted only when it is loopback or on the user's allowed hosts.
 */
public final class DatabasePrivilegeCheck extends LiveProbeCheck {
    static final String PASSWORD_IN_URL = "MCP-LIVE-DB-005";
    static final String NOT_CHECKED = "MCP-LIVE-DB-006";
    static final String PROPERTY_REFUSED = "MCP-LIVE-DB-007";

    private final ClassLoader driverLoader;

    /** The check, finding drivers with its own class loader (or module layer). */
    public DatabasePrivilegeCheck() {
        this(DatabasePrivilegeCheck.class.getClassLoader());
    }

    DatabasePrivilegeCheck(ClassLoader driverLoader) {
        this.driverLoader = driverLoader;
    }

    @Override
    public String id() {
        return PrivilegeRules.SUPERUSER;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(PrivilegeRules.SUPERUSER, PrivilegeRules.ADMINISTRATIVE, PrivilegeRules.BEYOND,
                PrivilegeRules.WRITE_ON_READ_ONLY, PASSWORD_IN_URL, NOT_CHECKED, PROPERTY_REFUSED);
    }

    @Override
    public String description() {
        return "Database users that are superusers or hold more than they need (connects to the database)";
    }

    @Override
    List<Finding> probe(PolicyContext context, LiveProbeSettings settings) {
        List<Finding> findings = new ArrayList<>();
        for (DatabaseTargets.Found found : DatabaseTargets.find(context)) {
            if (found.target().isEmpty()) {
                findings.add(notChecked(found.where(), found.problem().orElse("unusable settings"),
                        found.fix().orElse("Fix the connection settings, then run the audit again.")));
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                findings.add(notChecked(found.where(), "the audit was stopped at its deadline",
                        "Run the audit again with a longer time limit."));
                break;
            }
            findings.addAll(check(context, found.target().get(), settings));
        }
        return findings;
    }

    private List<Finding> check(PolicyContext context, DatabaseTarget t, LiveProbeSettings settings) {
        List<Finding> out = new ArrayList<>();
        ProbeTarget where = t.target();
        if (t.urlPassword().isPresent()) {
            out.add(LiveFindings.of(PASSWORD_IN_URL, Severity.MEDIUM, "Password inside a connection string", where,
                    "password-in-url", "The connection string in " + where.describe() + " (" + t.urlPasswordWhere()
                            + ") holds the password of " + t.user().orElse("its user") + " in plain text",
                    "Take the password out of the URL and give it through a secret reference (e.g. PGPASSWORD or "
                            + "MYSQL_PASSWORD set to keychain:db/app or op://Private/db/password)."));
        }
        JdbcSettings jdbc = JdbcSettings.build(t.dialect(), t.host(), t.port(), t.database(), t.requestedProperties(),
                settings.timeout());
        if (!jdbc.dropped().isEmpty()) {
            out.add(LiveFindings.of(PROPERTY_REFUSED, Severity.LOW, "Connection properties refused", where,
                    "refused " + jdbc.dropped(), "The connection string in " + where.describe() + " asks for "
                            + String.join(", ", jdbc.dropped()) + "; the probe does not pass connection properties "
                            + "other than TLS modes to the driver (they can load classes, read local files or run SQL)",
                    "Check that the server really needs these properties; the probe ran without them."));
        }
        if (!context.mayContact(t.host())) {
            out.add(notChecked(where, t.describe() + " was not contacted: " + t.host() + " is neither loopback nor "
                    + "one of the hosts allowed for live probes", "If you trust this database host, allow it: "
                    + "mcp-secrets audit --live --allow-host " + t.host()));
            return out;
        }
        Optional<Driver> driver = DriverLocator.find(driverLoader, t.dialect());
        if (driver.isEmpty()) {
            out.add(notChecked(where, "the " + t.dialect().displayName() + " JDBC driver is not on the class path",
                    "Add the driver " + t.dialect().artifact() + " (an optional dependency of mcp-policy) to the "
                            + "class path, then run the audit again."));
            return out;
        }
        String password = null;
        Secret secret = null;
        try {
            if (t.urlPassword().isPresent()) {
                password = t.urlPassword().get();
            } else if (t.passwordWritten().isPresent()) {
                CredentialValue.Outcome o = CredentialValue.resolve(context, t.passwordWritten().get(), where.location());
                if (o.secret().isEmpty()) {
                    out.add(notChecked(where, "the password of " + t.describe() + " could not be had: "
                            + o.problem().orElse("unknown"), o.remediation("Make the password available to the audit, "
                                    + "then run it again.")));
                    return out;
                }
                secret = o.secret().get();
                password = secret.revealAsString();
            }
            int seconds = (int) Math.max(1, (settings.timeout().toMillis() + 999) / 1000);
            try (Connection c = driver.get().connect(jdbc.url(), jdbc.withCredentials(t.user().orElse(null), password))) {
                if (c == null) {
                    out.add(notChecked(where, "the driver did not accept the connection", "Report this as a bug."));
                    return out;
                }
                PrivilegeReport report = t.dialect() == Dialect.POSTGRESQL ? PostgresProbe.probe(c, seconds)
                        : MariaDbProbe.probe(c, seconds);
                out.addAll(PrivilegeRules.evaluate(t, report, settings.allowedDatabasePrivileges(),
                        context.profile().isProduction()));
            }
        } catch (SQLException e) {
            out.add(notChecked(where, t.describe() + ": " + SqlErrors.describe(e, password, settings.timeout()),
                    SqlErrors.remediation(e)));
        } finally {
            if (secret != null) {
                secret.destroy();
            }
        }
        return out;
    }

    private static Finding notChecked(ProbeTarget where, String why, String remediation) {
        return LiveFindings.of(NOT_CHECKED, Severity.MEDIUM, "Database privileges could not be checked", where,
                "not-checked", "The database account of " + where.describe() + " could not be checked: " + why,
                remediation);
    }

    /** Describes driver errors without a password or a stack trace. */
    static final class SqlErrors {
        private SqlErrors() {
        }

        static String describe(SQLException e, String password, java.time.Duration timeout) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (e instanceof SQLTimeoutException || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                    .contains("timed out")) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (password != null && !password.isEmpty()) {
                message = message.replace(password, "****");
            }
            message = message.replaceAll("\\s+", " ").strip();
            if (message.length() > 200) {
                message = message.substring(0, 200) + "...";
            }
            String kind = state.startsWith("28") ? "login failed" : state.startsWith("08") ? "connection failed"
                    : "query failed";
            return kind + " (SQLState " + (state.isEmpty() ? "unknown" : state) + ": " + message + ")";
        }

        static String remediation(SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                return "Check the user and password the server is configured with (the server would fail the same way).";
            }
            return "Check that the database is running and reachable, then run the audit again.";
        }
    }
}
