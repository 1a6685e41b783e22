package dev.mcpsecrets.policy.live.internal;

import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
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

/** The database probe against the real PostgreSQL of this machine, with users of known privileges. */
@ExtendWith(RealDatabases.Postgres.class)
class PostgresPrivilegeIT {
    private static final String SCHEMA = "mcp_live_it";
    private static final List<String> ROLES = List.of("mcp_it_super", "mcp_it_all", "mcp_it_grantopt", "mcp_it_siu",
            "mcp_it_readonly", "mcp_it_flags", "mcp_it_owner");

    @TempDir
    Path dir;

    @BeforeAll
    static void createUsers() throws Exception {
        RealDatabases.require(5432, "PostgreSQL");
        try (Connection c = RealDatabases.postgresAdmin()) {
            dropAll(c);
            RealDatabases.run(c,
                    "create schema " + SCHEMA,
                    "create table " + SCHEMA + ".items (id int)",
                    "create role mcp_it_super login superuser",
                    "create role mcp_it_all login",
                    "create role mcp_it_grantopt login",
                    "create role mcp_it_siu login",
                    "create role mcp_it_readonly login",
                    "create role mcp_it_flags login createrole createdb",
                    "create role mcp_it_owner login",
                    "grant usage on schema " + SCHEMA + " to mcp_it_all, mcp_it_grantopt, mcp_it_siu, mcp_it_readonly, "
                            + "mcp_it_owner",
                    "grant all on all tables in schema " + SCHEMA + " to mcp_it_all",
                    "grant select on " + SCHEMA + ".items to mcp_it_grantopt with grant option",
                    "grant select, insert, update on " + SCHEMA + ".items to mcp_it_siu",
                    "grant select on " + SCHEMA + ".items to mcp_it_readonly",
                    "grant pg_read_server_files to mcp_it_flags",
                    "create table " + SCHEMA + ".owned (id int)",
                    "alter table " + SCHEMA + ".owned owner to mcp_it_owner");
        }
    }

    @AfterAll
    static void dropUsers() throws Exception {
        try (Connection c = RealDatabases.postgresAdmin()) {
            dropAll(c);
        }
    }

    private static void dropAll(Connection c) throws Exception {
        RealDatabases.run(c, "drop schema if exists " + SCHEMA + " cascade");
        for (String role : ROLES) {
            RealDatabases.run(c, "drop role if exists " + role);
        }
    }

    private List<Finding> probe(String user, Profile profile, String query) {
        String url = "postgresql://" + user + "@127.0.0.1:5432/test" + query;
        PolicyContext ctx = PolicyContext.builder()
                .configs(List.of(LiveTestConfigs.claudeDesktop(dir, "    \"pg\": {\"command\": \"npx\", \"args\": [\"-y\", "
                        + "\"@modelcontextprotocol/server-postgres\", \"" + url + "\"]}")))
                .profile(profile).liveProbes(true, Set.of())
                .settings(LiveProbeSettings.defaults().withTimeout(Duration.ofSeconds(5)))
                .build();
        return new DatabasePrivilegeCheck().run(ctx).toList();
    }

    private List<Finding> probe(String user) {
        return probe(user, Profile.DEVELOPMENT, "");
    }

    @Test
    void superuserIsCritical() {
        List<Finding> f = probe("mcp_it_super");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-001 critical");
        assertThat(f.get(0).message()).contains("connects as mcp_it_super", "rolsuper", "argument 3 of server pg");
    }

    @Test
    void allOnTheSchemaIsBeyondTheAllowList() {
        List<Finding> f = probe("mcp_it_all");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-003 medium");
        assertThat(f.get(0).message()).contains("which holds DELETE, TRUNCATE, REFERENCES, TRIGGER on tables in schema "
                + "mcp_live_it, beyond the allowed [INSERT, SELECT, UPDATE]");
    }

    @Test
    void grantOptionIsAdministrative() {
        List<Finding> f = probe("mcp_it_grantopt");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("GRANT OPTION on tables in schema mcp_live_it");
    }

    @Test
    void exactlySelectInsertUpdateHasNoFinding() {
        assertThat(probe("mcp_it_siu")).isEmpty();
    }

    @Test
    void readOnlyUserInProductionHasNoFinding() {
        assertThat(probe("mcp_it_readonly", Profile.PRODUCTION, "")).isEmpty();
    }

    @Test
    void writerDeclaredReadOnlyInProductionIsReported() {
        PolicyContext ctx = PolicyContext.builder().profile(Profile.PRODUCTION).liveProbes(true, Set.of())
                .self(SelfDeclaration.named("reports").withReadOnly(true)
                        .withSettings(Map.of("database.url", "postgresql://127.0.0.1:5432/test", "database.user",
                                "mcp_it_siu")))
                .build();
        List<Finding> f = new DatabasePrivilegeCheck().run(ctx).toList();
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-004 high");
        assertThat(f.get(0).message()).contains("database.url of server reports", "INSERT on tables in schema mcp_live_it",
                "UPDATE on tables in schema mcp_live_it").doesNotContain("SELECT on");
    }

    @Test
    void roleFlagsAndServerFileRolesAreAdministrative() {
        List<Finding> f = probe("mcp_it_flags");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-002 high");
        assertThat(f.get(0).message()).contains("CREATEROLE, CREATEDB, MEMBER OF pg_read_server_files on server");
    }

    @Test
    void ownerMayDropAndAlter() {
        List<Finding> f = probe("mcp_it_owner");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-003 medium", "MCP-LIVE-DB-003 medium");
        assertThat(f.get(0).message()).contains("DELETE, TRUNCATE, REFERENCES, TRIGGER on tables in schema mcp_live_it");
        assertThat(f.get(1).message()).contains("DROP, ALTER on objects it owns in schema mcp_live_it (1)");
    }

    @Test
    void socketFactoryInTheConnectionStringIsNeverInstantiated() throws Exception {
        String evil = EvilSocketFactory.class.getName();
        int before = EvilSocketFactory.INSTANCES.get();
        List<Finding> f = probe("mcp_it_siu", Profile.DEVELOPMENT, "?socketFactory=" + evil + "&socketFactoryArg=x"
                + "&loggerFile=/tmp/mcp-it-pg.log&sslmode=disable");
        assertThat(summary(f)).containsExactly("MCP-LIVE-DB-007 low");
        assertThat(f.get(0).message()).contains("loggerFile, socketFactory, socketFactoryArg").doesNotContain(evil);
        assertThat(EvilSocketFactory.INSTANCES.get()).isEqualTo(before);
        assertThat(Path.of("/tmp/mcp-it-pg.log")).doesNotExist();

        Properties direct = new Properties();
        direct.setProperty("user", "mcp_it_siu");
        direct.setProperty("socketFactory", evil);
        try (Connection c = DriverManager.getConnection(RealDatabases.PG_ADMIN_URL, direct)) {
            assertThat(c.isValid(2)).isTrue();
        }
        assertThat(EvilSocketFactory.INSTANCES.get()).as("the driver would have used it if given").isGreaterThan(before);
    }
}
