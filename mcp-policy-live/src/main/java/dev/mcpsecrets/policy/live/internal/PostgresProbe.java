package dev.mcpsecrets.policy.live.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an account's privileges from PostgreSQL: the {@code pg_roles} flags, membership in the
 * server-file roles, table privileges ({@code has_table_privilege}, with grant option) per schema,
 * {@code CREATE} on schemas and the database, and ownership of objects (an owner may drop and alter
 * them). System schemas are left out.
 */
final class PostgresProbe {
    private static final String USER_SCHEMA = "n.nspname not in ('pg_catalog', 'information_schema') "
            + "and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'";
    private static final String PRIVILEGES = "array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', "
            + "'TRIGGER']";

    private PostgresProbe() {
    }

    static PrivilegeReport probe(Connection connection, int queryTimeoutSeconds) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setQueryTimeout(queryTimeoutSeconds);
            Map<String, Set<String>> admin = new LinkedHashMap<>();
            Map<String, Set<String>> data = new LinkedHashMap<>();
            String account;
            boolean superuser;
            try (ResultSet rs = st.executeQuery("select rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, "
                    + "rolbypassrls from pg_roles where rolname = current_user")) {
                rs.next();
                account = rs.getString(1);
                superuser = rs.getBoolean(2);
                String[] flags = {"CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS"};
                for (int i = 0; i < flags.length; i++) {
                    if (rs.getBoolean(3 + i)) {
                        add(admin, "server", flags[i]);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("select r.rolname from pg_roles r where r.rolname in "
                    + "('pg_read_server_files', 'pg_write_server_files', 'pg_execute_server_program') "
                    + "and pg_has_role(current_user, r.oid, 'MEMBER') order by 1")) {
                while (rs.next()) {
                    add(admin, "server", "MEMBER OF " + rs.getString(1));
                }
            }
            if (superuser) {
                return new PrivilegeReport(account, Optional.of("it has rolsuper"), List.of(), List.of());
            }
            try (ResultSet rs = st.executeQuery("select n.nspname, p.priv, count(*), "
                    + "bool_or(not pg_has_role(current_user, c.relowner, 'USAGE') "
                    + "and has_table_privilege(c.oid, p.priv || ' WITH GRANT OPTION')) "
                    + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "cross join unnest(" + PRIVILEGES + ") as p(priv) "
                    + "where c.relkind in ('r', 'p', 'v', 'm', 'f') and " + USER_SCHEMA
                    + " and has_table_privilege(c.oid, p.priv) "
                    + "group by n.nspname, p.priv order by n.nspname, array_position(" + PRIVILEGES + ", p.priv)")) {
                while (rs.next()) {
                    String scope = "tables in schema " + rs.getString(1);
                    add(data, scope, rs.getString(2));
                    if (rs.getBoolean(4)) {
                        add(admin, scope, "GRANT OPTION");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("select n.nspname, count(*) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S') and "
                    + USER_SCHEMA + " and pg_has_role(current_user, c.relowner, 'USAGE') group by 1 order by 1")) {
                while (rs.next()) {
                    String scope = "objects it owns in schema " + rs.getString(1) + " (" + rs.getLong(2) + ")";
                    add(data, scope, "DROP");
                    add(data, scope, "ALTER");
                }
            }
            try (ResultSet rs = st.executeQuery("select n.nspname, pg_has_role(current_user, n.nspowner, 'USAGE'), "
                    + "has_schema_privilege(n.oid, 'CREATE') from pg_namespace n where " + USER_SCHEMA
                    + " and (pg_has_role(current_user, n.nspowner, 'USAGE') or has_schema_privilege(n.oid, 'CREATE')) "
                    + "order by 1")) {
                while (rs.next()) {
                    String scope = "schema " + rs.getString(1);
                    add(data, scope, "CREATE");
                    if (rs.getBoolean(2)) {
                        add(data, scope, "DROP");
                        add(data, scope, "ALTER");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("select d.datname, has_database_privilege(d.oid, 'CREATE'), "
                    + "pg_has_role(current_user, d.datdba, 'USAGE') from pg_database d "
                    + "where d.datname = current_database()")) {
                while (rs.next()) {
                    String scope = "database " + rs.getString(1);
                    if (rs.getBoolean(2)) {
                        add(data, scope, "CREATE");
                    }
                    if (rs.getBoolean(3)) {
                        add(data, scope, "DROP");
                        add(data, scope, "ALTER");
                    }
                }
            }
            return new PrivilegeReport(account, Optional.empty(), PrivilegeReport.byScope(admin), PrivilegeReport.byScope(data));
        }
    }

    private static void add(Map<String, Set<String>> map, String scope, String privilege) {
        map.computeIfAbsent(scope, k -> new LinkedHashSet<>()).add(privilege);
    }
}
