package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code MCP-DB-001}: a database server connecting as {@code root}, {@code postgres}, {@code sa} or
 * another administrator, found offline in the config's variables, arguments, {@code sh -c} scripts and
 * connection strings, and in the databases and settings a server declares about itself (passwords
 * inside connection strings are {@code MCP-SEC-001} / {@code MCP-CMD-001}).
 */
public final class DatabaseUserCheck extends ServerEntryCheck {
    static final String ID = "MCP-DB-001";
    private static final Set<String> ADMINS = Set.of("root", "postgres", "sa", "admin", "administrator", "superuser",
            "dba", "sys", "system", "rdsadmin", "azure_superuser", "cloudsqladmin", "mysql");
    /** A pooler's tenant suffix after {@code user.}: a Supabase project ref is 20 lower-case letters. */
    private static final Pattern POOLER_TENANT = Pattern.compile("[a-z0-9]{8,40}");
    private static final Pattern ADMIN_LIKE = Pattern.compile("(?i)(?:^|[_.-])(?:admin|root|super(?:user)?|dba|owner)(?:$|[_.-])");
    private static final Pattern USER_NAME = Pattern.compile(
            "(?i)^(?:[A-Z0-9]+_)?(?:DB|DATABASE|MYSQL|MARIADB|PG|POSTGRES(?:QL)?|MSSQL|SQLSERVER|MONGO(?:DB)?|ORACLE|REDIS)_?USER(?:NAME)?$");
    private static final Pattern USER_FLAG = Pattern.compile("(?i)^--?(?:user|username|db-user|dbuser)(?:=(.*))?$");
    private static final Pattern URL_USER = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://([^:@/?#\\s]+)(?::[^@/?#\\s]*)?@");
    private static final Pattern SETTING_USER = Pattern.compile(
            "(?i)^(?:.*[._-])?(?:db|database|datasource|jdbc|r2dbc|postgres(?:ql)?|pg|mysql|mariadb)[._-]?user(?:name)?$");
    private static final Pattern JDBC_USER = Pattern.compile("(?i)[?&;](?:user|username)=([^&;]+)");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Database servers connecting as root, postgres, sa or another administrator";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.SELF, PolicyScope.CONFIG);
    }

    @Override
    void checkSelf(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < self.databases().size(); i++) {
            SelfDeclaration.Database db = self.databases().get(i);
            String part = "databases/" + i;
            if (!db.user().isBlank()) {
                checkDeclared(self, part, db.user(), seen, findings);
            }
            urlUser(db.url()).ifPresent(u -> checkDeclared(self, part, u, seen, findings));
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(self.settings()).entrySet()) {
            String part = "settings/" + e.getKey().replace("~", "~0").replace("/", "~1");
            if (SETTING_USER.matcher(e.getKey()).matches()) {
                checkDeclared(self, part, e.getValue(), seen, findings);
            }
            urlUser(e.getValue()).ifPresent(u -> checkDeclared(self, part, u, seen, findings));
        }
    }

    private static void checkDeclared(SelfDeclaration self, String part, String user, Set<String> seen,
            List<Finding> findings) {
        String u = user.strip();
        if (u.isEmpty() || u.contains("$") || !seen.add(u.toLowerCase(Locale.ROOT))) {
            return;
        }
        boolean admin = isSuperuser(u);
        if (!admin && !ADMIN_LIKE.matcher(u).find()) {
            return;
        }
        findings.add(Finding.builder(ID, Severity.HIGH)
                .title("Server declares an administrator database user")
                .message("Server '" + self.serverName() + "' declares it connects as '" + u + "'"
                        + (admin ? ", a superuser account" : ", an administrator-looking account")
                        + ": a prompt injection can drop tables, read every database and create users")
                .location(SelfDeclaration.location(part))
                .remediation("Connect as a dedicated user that holds only the rights the server needs (e.g. SELECT, "
                        + "INSERT, UPDATE on its own schema) and declare that user instead.")
                .fingerprintHint("self:" + u)
                .build());
    }

    @Override
    void check(McpServer server, Optional<ServerShape> shape, PolicyContext context, List<Finding> findings) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> userEnv = shape.map(ServerShape::databaseUserEnv).orElse(List.of());
        for (Map.Entry<String, JsonValue.StringValue> e : server.env().entrySet()) {
            if (userEnv.contains(e.getKey()) || USER_NAME.matcher(e.getKey()).matches()) {
                check(server, e.getValue(), e.getValue().value(), e.getKey(), seen, findings);
            }
            urlUser(e.getValue().value()).ifPresent(u -> check(server, e.getValue(), u, e.getKey(), seen, findings));
        }
        List<JsonValue.StringValue> args = server.args();
        for (int i = 0; i < args.size(); i++) {
            JsonValue.StringValue arg = args.get(i);
            urlUser(arg.value()).ifPresent(u -> check(server, arg, u, "connection string", seen, findings));
            Matcher flag = USER_FLAG.matcher(arg.value());
            if (flag.matches() && shape.map(s -> s.category().equals("database")).orElse(false)) {
                String user = flag.group(1) != null ? flag.group(1) : i + 1 < args.size() ? args.get(i + 1).value() : "";
                check(server, arg, user, "--user", seen, findings);
            }
        }
        ShellScript.scriptArgument(server.commandLine()).ifPresent(arg -> {
            for (ShellScript.Assignment a : ShellScript.parse(arg.value()).assignments()) {
                if (USER_NAME.matcher(a.name()).matches()) {
                    check(server, arg, a.value(), a.name(), seen, findings);
                }
                urlUser(a.value()).ifPresent(u -> check(server, arg, u, a.name(), seen, findings));
            }
        });
    }

    static Optional<String> urlUser(String value) {
        String v = value.strip();
        if (!ServerShape.looksLikeDatabaseUrl(v)) {
            return Optional.empty();
        }
        Matcher m = URL_USER.matcher(v.startsWith("jdbc:") ? v.substring(5) : v);
        if (m.find()) {
            return Optional.of(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        }
        Matcher q = JDBC_USER.matcher(v);
        return q.find() ? Optional.of(q.group(1)) : Optional.empty();
    }

    private static void check(McpServer server, JsonValue.StringValue at, String user, String source, Set<String> seen,
            List<Finding> findings) {
        String u = user.strip();
        if (u.isEmpty() || u.contains("$") || !seen.add(source + "=" + u.toLowerCase(Locale.ROOT))) {
            return;
        }
        boolean admin = isSuperuser(u);
        if (!admin && !ADMIN_LIKE.matcher(u).find()) {
            return;
        }
        findings.add(Finding.builder(ID, Severity.HIGH)
                .title("Database server connects as an administrator")
                .message("Server '" + server.label() + "' connects as '" + u + "' (" + source + ")"
                        + (admin ? ", a superuser account" : ", an administrator-looking account")
                        + ": a prompt injection can drop tables, read every database and create users")
                .location(at.location())
                .remediation("Create a dedicated user with only the rights the server needs and use it instead, e.g. "
                        + "CREATE USER 'claude_app'@'localhost' IDENTIFIED BY '…'; GRANT SELECT, INSERT, UPDATE ON "
                        + "myapp_dev.* TO 'claude_app'@'localhost';  (PostgreSQL: CREATE ROLE claude_app LOGIN; "
                        + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO claude_app;)")
                .fingerprintHint(source + "=" + u)
                .build());
    }

    /**
     * A superuser account: one of the well-known administrator names, or such a name with a tenant suffix as
     * connection poolers write it (Supabase's Supavisor pooler user {@code postgres.<project-ref>} is the project's
     * {@code postgres} administrator).
     */
    static boolean isSuperuser(String user) {
        String u = user.toLowerCase(Locale.ROOT);
        int dot = u.indexOf('.');
        return ADMINS.contains(u) || (dot > 0 && dot < u.length() - 1 && ADMINS.contains(u.substring(0, dot))
                && POOLER_TENANT.matcher(u.substring(dot + 1)).matches());
    }
}
