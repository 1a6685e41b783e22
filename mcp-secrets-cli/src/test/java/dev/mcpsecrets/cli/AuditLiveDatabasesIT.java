package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --live} through the packaged command (launcher and shaded jar) against the PostgreSQL and
 * MariaDB of this machine: the drivers ship with the command, the passwords and connection strings of a
 * trusted project config are references resolved through the command's providers, and the report tells an
 * over-privileged account from a least-privileged one.
 */
class AuditLiveDatabasesIT {
    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB_ADMIN = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String SCHEMA = "mcp_cli_live";
    private static final String OVER = "mcp_cli_over";
    private static final String LEAST = "mcp_cli_least";
    /** The accounts' password: it must reach the databases and appear in no stream. */
    private static final String PASSWORD = "PLANTED-cli-live-Db-pw-7f3a91";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void createAccounts() throws SQLException {
        MigrationFixture.requireBackend(absent(5432, "PostgreSQL").or(() -> absent(3306, "MariaDB")));
        try (Connection pg = DriverManager.getConnection(PG_ADMIN, "postgres", "")) {
            dropPostgres(pg);
            run(pg, "create schema " + SCHEMA,
                    "create table " + SCHEMA + ".items (id int)",
                    "create role " + OVER + " login superuser password '" + PASSWORD + "'",
                    "create role " + LEAST + " login password '" + PASSWORD + "'",
                    "grant usage on schema " + SCHEMA + " to " + LEAST,
                    "grant select on " + SCHEMA + ".items to " + LEAST);
        }
        try (Connection maria = DriverManager.getConnection(MARIADB_ADMIN, "root", "")) {
            dropMariaDb(maria);
            run(maria, "CREATE USER '" + OVER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "CREATE USER '" + LEAST + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + OVER + "'@'%' WITH GRANT OPTION",
                    "GRANT SELECT ON test.* TO '" + LEAST + "'@'%'");
        }
    }

    @AfterAll
    static void dropAccounts() throws SQLException {
        if (absent(5432, "PostgreSQL").isEmpty()) {
            try (Connection pg = DriverManager.getConnection(PG_ADMIN, "postgres", "")) {
                dropPostgres(pg);
            }
        }
        if (absent(3306, "MariaDB").isEmpty()) {
            try (Connection maria = DriverManager.getConnection(MARIADB_ADMIN, "root", "")) {
                dropMariaDb(maria);
            }
        }
    }

    private static void dropPostgres(Connection pg) throws SQLException {
        run(pg, "drop schema if exists " + SCHEMA + " cascade", "drop role if exists " + OVER,
                "drop role if exists " + LEAST);
    }

    private static void dropMariaDb(Connection maria) throws SQLException {
        run(maria, "DROP USER IF EXISTS '" + OVER + "'@'%'", "DROP USER IF EXISTS '" + LEAST + "'@'%'");
    }

    private static void run(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Optional<String> absent(int port, String name) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(name + " is not listening on 127.0.0.1:" + port);
        }
    }

    /**
     * A project config with one PostgreSQL and one MariaDB server per account. Connection strings (without
     * the password) and passwords are {@code dotenv:} references to a file of the user's, which only a
     * trusted config may have resolved.
     */
    private Path projectConfig(Path secrets) throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        String ref = "dotenv:" + secrets + "#";
        StringBuilder servers = new StringBuilder();
        for (String user : List.of(OVER, LEAST)) {
            if (servers.length() > 0) {
                servers.append(",\n");
            }
            servers.append("    \"pg-").append(user).append("\": {\"command\": \"npx\", \"args\": [\"-y\", ")
                    .append("\"@modelcontextprotocol/server-postgres\"], \"env\": {\"DATABASE_URL\": \"")
                    .append(ref).append("PG_URL_").append(user.toUpperCase(java.util.Locale.ROOT)).append("\", \"PGPASSWORD\": \"")
                    .append(ref).append("DB_PASSWORD\"}},\n");
            servers.append("    \"mysql-").append(user).append("\": {\"command\": \"npx\", \"args\": [\"-y\", ")
                    .append("\"@benborla29/mcp-server-mysql\"], \"env\": {\"MYSQL_HOST\": \"127.0.0.1\", ")
                    .append("\"MYSQL_PORT\": \"3306\", \"MYSQL_USER\": \"").append(user).append("\", ")
                    .append("\"MYSQL_DATABASE\": \"test\", \"MYSQL_PASSWORD\": \"").append(ref)
                    .append("DB_PASSWORD\"}}");
        }
        Path config = project.resolve(".mcp.json");
        Files.writeString(config, "{\"mcpServers\": {\n" + servers + "\n}}\n");
        return config;
    }

    private Path secretsFile() throws IOException {
        Path file = dir.resolve("home/.config/mcp-secrets/databases.env");
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(Files.createFile(file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                "PG_URL_MCP_CLI_OVER=postgresql://" + OVER + "@127.0.0.1:5432/test\n"
                        + "PG_URL_MCP_CLI_LEAST=postgresql://" + LEAST + "@127.0.0.1:5432/test\n"
                        + "DB_PASSWORD=" + PASSWORD + "\n");
        return file;
    }

    private ProcessRun command(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessRun.LAUNCHER.toString()));
        argv.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString()));
        env.put("MCP_SECRETS_NO_CDS", "1");
        return ProcessRun.of(argv, env);
    }

    /** The live database findings of the JSON report, as "server rule" lines. */
    private static List<String> databaseFindings(String jsonReport) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(jsonReport).path("findings")) {
            String rule = f.path("ruleId").asText();
            if (rule.startsWith("MCP-LIVE-DB")) {
                out.add(f.path("location").path("server").asText() + " " + rule + " " + f.path("severity").asText());
            }
        }
        return out;
    }

    @Test
    void tellsTheOverPrivilegedAccountsFromTheLeastPrivilegedOnes() throws Exception {
        Path config = projectConfig(secretsFile());

        ProcessRun untrusted = command("audit", "--live", "--live-timeout", "10", "--format", "json",
                "--fail-on", "critical", config.toString());
        assertThat(untrusted.out()).as(untrusted.err()).contains("is a project config you have not trusted");

        ProcessRun trust = command("trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        ProcessRun audit = command("audit", "--live", "--live-timeout", "10", "--format", "json",
                "--fail-on", "critical", config.toString());
        assertThat(audit.exitCode()).as(audit.out() + audit.err()).isEqualTo(1);
        assertThat(audit.out()).doesNotContain("JDBC driver is not on the class path")
                .doesNotContain("no secrets facade");
        assertThat(databaseFindings(audit.out())).as(audit.out()).containsExactlyInAnyOrder(
                "pg-" + OVER + " MCP-LIVE-DB-001 critical",
                "mysql-" + OVER + " MCP-LIVE-DB-001 critical");

        ProcessRun text = command("audit", "--live", "--live-timeout", "10", "--fail-on", "critical", config.toString());
        assertThat(text.out()).contains("connects as " + OVER).doesNotContain("connects as " + LEAST);
        for (ProcessRun run : List.of(untrusted, trust, audit, text)) {
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
        }
    }
}
