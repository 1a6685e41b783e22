package dev.mcpsecrets.policy.live.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an account's privileges from MariaDB/MySQL: {@code CURRENT_USER()}, {@code SHOW GRANTS FOR
 * CURRENT_USER()}, and {@code SHOW GRANTS FOR} every role granted to it (roles of roles too).
 */
final class MariaDbProbe {
    private static final int MAX_ROLES = 32;
    private static final Set<String> ADMIN = Set.of("ALL PRIVILEGES", "SUPER", "FILE", "CREATE USER", "PROCESS",
            "SHUTDOWN", "RELOAD", "CREATE TABLESPACE", "GRANT OPTION");
    private static final List<String> ADMIN_WORDS = List.of("ADMIN", "REPLICATION", "BINLOG", "SLAVE", "REPLICA",
            "SET USER", "SYSTEM_USER", "SYSTEM_VARIABLES");

    private MariaDbProbe() {
    }

    static PrivilegeReport probe(Connection connection, int queryTimeoutSeconds) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            String account;
            try (ResultSet rs = st.executeQuery("SELECT CURRENT_USER()")) {
                rs.next();
                account = rs.getString(1);
            }
            Map<String, Set<String>> admin = new LinkedHashMap<>();
            Map<String, Set<String>> data = new LinkedHashMap<>();
            Optional<String> superuser = account.substring(0, Math.max(0, account.lastIndexOf('@'))).equals("root")
                    ? Optional.of("it is root") : Optional.empty();
            Deque<String> pending = new ArrayDeque<>();
            Set<String> seenRoles = new LinkedHashSet<>();
            List<String> lines = showGrants(st, "CURRENT_USER()");
            String via = "";
            while (true) {
                for (String line : lines) {
                    Optional<MariaDbGrants.Grant> g = MariaDbGrants.parse(line);
                    if (g.isEmpty()) {
                        continue;
                    }
                    if (g.get().isRoleGrant()) {
                        for (String role : g.get().roles()) {
                            if (seenRoles.size() < MAX_ROLES && seenRoles.add(role)) {
                                pending.add(role);
                            }
                        }
                        continue;
                    }
                    String scope = g.get().scope() + via;
                    for (String p : g.get().privileges()) {
                        if (p.equals("USAGE")) {
                            continue;
                        }
                        (isAdmin(p) ? admin : data).computeIfAbsent(scope, k -> new LinkedHashSet<>()).add(p);
                    }
                    if (g.get().grantOption()) {
                        admin.computeIfAbsent(scope, k -> new LinkedHashSet<>()).add("GRANT OPTION");
                        if (g.get().scope().equals("*.*") && g.get().privileges().contains("ALL PRIVILEGES")
                                && superuser.isEmpty()) {
                            superuser = Optional.of("it holds ALL PRIVILEGES ON *.* WITH GRANT OPTION" + via);
                        }
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                String role = pending.poll();
                via = " (through role " + role + ")";
                lines = roleGrants(st, MariaDbGrants.quoteAccount(role));
            }
            return new PrivilegeReport(account, superuser, PrivilegeReport.byScope(admin), PrivilegeReport.byScope(data));
        }
    }

    private static boolean isAdmin(String privilege) {
        String p = privilege.toUpperCase(Locale.ROOT);
        return ADMIN.contains(p) || ADMIN_WORDS.stream().anyMatch(p::contains);
    }

    /**
     * The grants of a role. A user may read those of its enabled roles only, so a role that is not
     * the default one is enabled first (the connection is the probe's own and closed afterwards).
     */
    private static List<String> roleGrants(Statement st, String role) throws SQLException {
        try {
            return showGrants(st, role);
        } catch (SQLException notVisible) {
            st.execute("SET ROLE " + role);
            return showGrants(st, role);
        }
    }

    private static List<String> showGrants(Statement st, String forWhom) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SHOW GRANTS FOR " + forWhom)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
