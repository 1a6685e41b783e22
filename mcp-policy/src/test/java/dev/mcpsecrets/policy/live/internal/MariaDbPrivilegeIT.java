package dev.mcpsecrets.policy.live.internal;

import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.allText;
import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database probe against the real MariaDB of this machine, with users of known grants. */
@ExtendWith(RealDatabases.MariaDb.class)
class MariaDbPrivilegeIT {
    private static final String PASSWORD = "It-Pw-7f3a9c";
    private static final List<String> USERS = List.of("mcp_it_root", "mcp_it_all", "mcp_it_grantopt", "mcp_it_siu",
            "mcp_it_readonly", "mcp_it_admin", "mcp_it_role", "mcp_it_prod_readonly");
    private static final String ROLE = "mcp_it_deleter";

    @TempDir
    Path dir;

    @BeforeAll
    static void createUsers() throws Exception {
        RealDatabases.require(3306, "MariaDB");
        try (Connection c = RealDatabases.mariadbAdmin()) {
            dropAll(c);
            for (String u : USERS) {
                RealDatabases.run(c, "CREATE USER '" + u + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            }
            RealDatabases.run(c,
                    "CREATE ROLE " + ROLE,
                    "GRANT ALL PRIVILEGES ON *.* TO 'mcp_it_root'@'%' WITH GRANT OPTION",
                    "GRANT ALL PRIVILEGES ON test.* TO 'mcp_it_all'@'%'",
                    "GRANT SELECT ON test.* TO 'mcp_it_grantopt'@'%' WITH GRANT OPTION",
                    "GRANT SELECT, INSERT, UPDATE ON test.* TO 'mcp_it_siu'@'%'",
                    "GRANT SELECT ON test.* TO 'mcp_it_readonly'@'%'",
                    "GRANT PROCESS, FILE ON *.* TO 'mcp_it_admin'@'%'",
                    "GRANT SELECT ON test.* TO 'mcp_it_admin'@'%'",
                    "GRANT DELETE, DROP ON test.* TO " + ROLE,
                    "GRANT SELECT ON test.* TO 'mcp_it_role'@'%'",
                    "GRANT " + ROLE + " TO 'mcp_it_role'@'%'",
                    "GRANT SELECT, INSERT ON test.* TO 'mcp_it_prod_readonly'@'%'");
        }
    }

    @AfterAll
    static void dropUsers() throws Exception {
        try (Connection c = RealDatabases.mariadbAdmin()) {
            dropAll(c);
        }
    }

    private static void dropAll(Connection c) throws Exception {
        for (String u : USERS) {
            RealDatabases.run(c, "DROP USER IF EXISTS '" + u + "'@'%'");
        }
        RealDatabases.run(c, "DROP ROLE IF EXISTS " + ROLE);
    }

    private List<Finding> probeEnv(String user, String password, Profile profile, Map<String, String> environment) {
        String env = "\"MYSQL_HOST\": \"127.0.0.1\", \"MYSQL_PORT\": \"3306\", \"MYSQL_USER\": \"" + user
                + "\", \"MYSQL_PASSWORD\": \"" + password + "\", \"MYSQL_DATABASE\": \"test\"";
        return run(LiveTestConfigs.server("mysql", "@benborla29/mcp-server-mysql", env), profile, environment);
    }

    private List<Finding> probe(String user) {
        return probeEnv(user, PASSWORD, Profile.DEVELOPMENT, Map.of());
    }

    private List<Finding> run(String servers, Profile profile, Map<String, String> environment) {
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, servers)))
                .environment(environment).profile(profile).liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withTimeout(Duration.ofSeconds(5)))
                .build();
        return new DatabasePrivilegeCheck().run(ctx).toList();
    }

    @Test
    void rootItselfIsCritical() {
        List<Finding> f = probeEnv("root", "", Profile.DEVELOPMENT, Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-001 critical");
        assertThat(f.get(0).message()).contains("connects as root@", "it is root", "MYSQL_* variables of server mysql");
    }

    @Test
    void allOnStarStarWithGrantOptionIsASuperuser() {
        List<Finding> f = probe("mcp_it_root");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-001 critical");
        assertThat(f.get(0).message()).contains("mcp_it_root@%", "ALL PRIVILEGES ON *.* WITH GRANT OPTION");
    }

    @Test
    void allOnTheDatabaseIsAdministrative() {
        List<Finding> f = probe("mcp_it_all");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("holds ALL PRIVILEGES on `test`.*");
    }

    @Test
    void grantOptionIsAdministrative() {
        List<Finding> f = probe("mcp_it_grantopt");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("holds GRANT OPTION on `test`.*");
    }

    @Test
    void exactlySelectInsertUpdateHasNoFinding() {
        assertThat(probe("mcp_it_siu")).isEmpty();
    }

    @Test
    void passwordFromThePlaceholderEnvironment() {
        assertThat(probeEnv("mcp_it_siu", "${MCP_IT_PW}", Profile.DEVELOPMENT, Map.of("MCP_IT_PW", PASSWORD))).isEmpty();
    }

    @Test
    void readOnlyUserInProductionHasNoFinding() {
        assertThat(probeEnv("mcp_it_readonly", PASSWORD, Profile.PRODUCTION, Map.of())).isEmpty();
    }

    @Test
    void processAndFileAreAdministrative() {
        List<Finding> f = probe("mcp_it_admin");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("holds PROCESS, FILE on *.*");
    }

    @Test
    void privilegesThroughARoleCount() {
        List<Finding> f = probe("mcp_it_role");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-003 medium");
        assertThat(f.get(0).message()).contains("holds DELETE, DROP on `test`.* (through role mcp_it_deleter)");
    }

    @Test
    void prodReadonlyUserThatCanWriteIsReportedInProductionOnly() {
        List<Finding> prod = probeEnv("mcp_it_prod_readonly", PASSWORD, Profile.PRODUCTION, Map.of());
        assertThat(summary(prod)).containsExactly("MCP-LIVE-DB-004 high");
        assertThat(prod.get(0).message()).contains("declared read-only", "INSERT on `test`.*").doesNotContain("SELECT on");
        assertThat(probeEnv("mcp_it_prod_readonly", PASSWORD, Profile.DEVELOPMENT, Map.of())).isEmpty();
    }

    @Test
    void selfDeclaredReadOnlyServerWithReferencedPassword() {
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(BuiltInProviders.environment())
                .environment(Map.of("APP_DB_PW", PASSWORD)).build()) {
            PolicyContext ctx = PolicyContext.builder().profile(Profile.PRODUCTION).liveProbes(true, Set.of())
                    .secrets(secrets)
                    .self(SelfDeclaration.named("inventory").withReadOnly(true)
                            .withSettings(Map.of("database.url", "mariadb://127.0.0.1:3306/test", "database.user",
                                    "mcp_it_siu"))
                            .withSecretReferences(Map.of("database.password", "env:APP_DB_PW")))
                    .build();
            List<Finding> f = new DatabasePrivilegeCheck().run(ctx).toList();
            assertThat(summary(f)).containsExactly("MCP-LIVE-DB-004 high");
            assertThat(f.get(0).message()).contains("database.url of server inventory", "INSERT on `test`.*",
                    "UPDATE on `test`.*");
        }
    }

    @Test
    void guideShellWrapperWithPasswordFromTheShellEnvironment() {
        String servers = "    \"mysql\": {\"command\": \"sh\", \"args\": [\"-c\", \"MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 "
                + "MYSQL_USER=mcp_it_all MYSQL_PASSWORD=$MYSQL_ROOT_PASSWORD MYSQL_DATABASE=test node /path/to/mysql-server.js\"]}";
        List<Finding> f = run(servers, Profile.DEVELOPMENT, Map.of("MYSQL_ROOT_PASSWORD", PASSWORD));
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).location().jsonPointer()).isEqualTo("/mcpServers/mysql/args/1");
    }

    @Test
    void passwordFromACommandSubstitutionIsCouldNotCheck() {
        String servers = "    \"mysql\": {\"command\": \"sh\", \"args\": [\"-c\", \"MYSQL_PASSWORD=$(security "
                + "find-generic-password -a $USER -s mysql_root_password -w) MYSQL_HOST=127.0.0.1 MYSQL_PORT=3306 "
                + "MYSQL_USER=mcp_it_all MYSQL_DATABASE=test node /path/to/mysql-server.js\"]}";
        List<Finding> f = run(servers, Profile.DEVELOPMENT, Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-006 medium");
        assertThat(f.get(0).message()).contains("computed by the shell");
    }

    @Test
    void wrongPasswordIsCouldNotCheckWithoutThePassword() {
        List<Finding> f = probeEnv("mcp_it_siu", "Wrong-Pw-91b2", Profile.DEVELOPMENT, Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-006 medium");
        assertThat(f.get(0).message()).contains("login failed", "28000");
        assertThat(allText(f)).doesNotContain("Wrong-Pw-91b2", PASSWORD);
    }

    @Test
    void passwordInsideTheConnectionStringIsReportedAndStillProbed() {
        String servers = "    \"mysql\": {\"command\": \"npx\", \"args\": [\"-y\", \"@benborla29/mcp-server-mysql\", "
                + "\"mysql://mcp_it_all:" + PASSWORD + "@127.0.0.1:3306/test\"]}";
        List<Finding> f = run(servers, Profile.DEVELOPMENT, Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-005 medium", "MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("argument 3 of server mysql", "written in the config", "mcp_it_all");
        assertThat(allText(f)).doesNotContain(PASSWORD);
    }

    @Test
    void dangerousPropertiesAreDroppedBeforeTheDriverSeesThem() throws Exception {
        String evil = EvilSocketFactory.class.getName();
        int before = EvilSocketFactory.INSTANCES.get();
        String servers = "    \"mysql\": {\"command\": \"npx\", \"args\": [\"-y\", \"@benborla29/mcp-server-mysql\", "
                + "\"jdbc:mariadb://127.0.0.1:3306/test?user=mcp_it_siu&socketFactory=" + evil
                + "&allowLocalInfile=true&autoDeserialize=true&initSql=DROP%20TABLE%20x\"], "
                + "\"env\": {\"MYSQL_PASSWORD\": \"" + PASSWORD + "\"}}";
        List<Finding> f = run(servers, Profile.DEVELOPMENT, Map.of());
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-007 low");
        assertThat(f.get(0).message()).contains("allowLocalInfile, autoDeserialize, initSql, socketFactory");
        assertThat(EvilSocketFactory.INSTANCES.get()).isEqualTo(before);

        Properties direct = new Properties();
        direct.setProperty("user", "mcp_it_siu");
        direct.setProperty("password", PASSWORD);
        direct.setProperty("socketFactory", evil);
        try (Connection c = DriverManager.getConnection(RealDatabases.MARIADB_ADMIN_URL, direct)) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(EvilSocketFactory.INSTANCES.get()).as("the driver would have used it if given").isGreaterThan(before);
    }
}
