package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a {@link PrivilegeReport} into findings, against the allowed privileges and the profile. */
final class PrivilegeRules {
    static final String SUPERUSER = "MCP-LIVE-DB-001";
    static final String ADMINISTRATIVE = "MCP-LIVE-DB-002";
    static final String BEYOND = "MCP-LIVE-DB-003";
    static final String WRITE_ON_READ_ONLY = "MCP-LIVE-DB-004";
    /** Privileges that only read. */
    private static final Set<String> READ = Set.of("SELECT", "USAGE", "SHOW VIEW", "SHOW DATABASES", "REFERENCES");
    private static final String LEAST = "Create a dedicated user with only what the server needs, e.g. "
            + "GRANT SELECT, INSERT, UPDATE ON app.* TO 'mcp_app'@'localhost' (MariaDB/MySQL) or GRANT SELECT, INSERT, "
            + "UPDATE ON ALL TABLES IN SCHEMA app TO mcp_app (PostgreSQL), and configure the server with it.";

    private PrivilegeRules() {
    }

    static List<Finding> evaluate(DatabaseTarget t, PrivilegeReport r, Set<String> allowed, boolean production) {
        List<Finding> out = new ArrayList<>();
        String who = "The " + t.target().describe() + " connects as " + r.account() + " on " + t.dialect().displayName()
                + " " + t.host() + ":" + t.port();
        r.superuser().ifPresent(why -> out.add(LiveFindings.of(SUPERUSER, Severity.CRITICAL, "Database user is a superuser",
                t.target(), "superuser", who + ", a superuser: " + why + "; anyone driving the server controls the whole "
                        + "database server", LEAST)));
        for (PrivilegeReport.Held h : r.superuser().isPresent() ? List.<PrivilegeReport.Held>of() : r.administrative()) {
            out.add(LiveFindings.of(ADMINISTRATIVE, Severity.HIGH, "Database user holds administrative privileges",
                    t.target(), "admin " + h.scope(), who + ", which holds " + String.join(", ", h.privileges()) + " on "
                            + h.scope(), LEAST));
        }
        for (PrivilegeReport.Held h : r.superuser().isPresent() ? List.<PrivilegeReport.Held>of() : r.data()) {
            List<String> beyond = h.privileges().stream().filter(p -> !allowed.contains(p) && !p.equals("USAGE")).toList();
            if (!beyond.isEmpty()) {
                out.add(LiveFindings.of(BEYOND, Severity.MEDIUM, "Database user holds privileges beyond the allowed ones",
                        t.target(), "beyond " + h.scope(), who + ", which holds " + String.join(", ", beyond) + " on "
                                + h.scope() + ", beyond the allowed " + allowed.stream().sorted().toList(),
                        "Revoke them (REVOKE " + String.join(", ", beyond) + " ...), or allow them with "
                                + dev.mcpsecrets.policy.live.LiveProbeSettings.DATABASE_ALLOWED_PRIVILEGES
                                + " (mcp-secrets audit --db-privilege) if the server needs them."));
            }
        }
        if (production && t.declaredReadOnly()) {
            Set<String> writes = new LinkedHashSet<>();
            r.superuser().ifPresent(s -> writes.add("everything (superuser)"));
            for (PrivilegeReport.Held h : r.administrative()) {
                h.privileges().stream().filter(p -> p.equals("ALL PRIVILEGES")).forEach(p -> writes.add(p + " on " + h.scope()));
            }
            for (PrivilegeReport.Held h : r.data()) {
                h.privileges().stream().filter(p -> !READ.contains(p)).forEach(p -> writes.add(p + " on " + h.scope()));
            }
            if (!writes.isEmpty()) {
                out.add(LiveFindings.of(WRITE_ON_READ_ONLY, Severity.HIGH,
                        "Read-only production server can write", t.target(), "write-on-read-only",
                        who + " in production; the server is declared read-only, but the account can write: "
                                + String.join(", ", writes),
                        "Connect with a user that holds SELECT only (like the guide's prod_readonly), e.g. GRANT SELECT "
                                + "ON app.* TO 'prod_readonly'@'%'."));
            }
        }
        return out;
    }
}
