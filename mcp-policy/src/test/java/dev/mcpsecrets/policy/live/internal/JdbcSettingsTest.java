package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {
    /** pgjdbc properties that load classes, read or write files, run SQL or reach elsewhere. */
    private static final List<String> PG_DANGEROUS = List.of("socketFactory", "socketFactoryArg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationPluginClassName", "loggerFile",
            "loggerLevel", "sslcert", "sslkey", "sslrootcert", "sslpassword", "service", "options", "xmlFactoryFactory",
            "jaasApplicationName", "jaasLogin", "gsslib", "localSocketAddress", "targetServerType", "PGHOST", "PGPORT",
            "readOnly", "connectTimeout", "socketTimeout", "user", "preferQueryMode");
    /** MariaDB Connector/J and MySQL Connector/J properties of the same kinds. */
    private static final List<String> MARIADB_DANGEROUS = List.of("socketFactory", "tlsSocketType", "credentialType",
            "allowLocalInfile", "allowLoadLocalInfile", "allowUrlInLocalInfile", "autoDeserialize", "localSocket", "pipe",
            "serverSslCert", "keyStore", "trustStore", "sessionVariables", "initSql", "connectionAttributes",
            "restrictedAuth", "queryInterceptors", "statementInterceptors", "exceptionInterceptors",
            "connectionLifecycleInterceptors", "authenticationPlugins", "defaultAuthenticationPlugin",
            "propertiesTransform", "logger", "profilerEventHandler", "permitMysqlScheme", "allowMultiQueries",
            "allowPublicKeyRetrieval", "useSsl");

    private static Map<String, String> all(List<String> names) {
        Map<String, String> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, "org.example.Evil"));
        return m;
    }

    @Test
    void everyDangerousPostgresPropertyIsDroppedAndReported() {
        JdbcSettings s = JdbcSettings.build(Dialect.POSTGRESQL, "127.0.0.1", 5432, "test", all(PG_DANGEROUS),
                Duration.ofSeconds(3));
        assertThat(s.dropped()).containsExactlyInAnyOrderElementsOf(PG_DANGEROUS);
        Properties p = s.withCredentials("app", "pw");
        assertThat(p.stringPropertyNames()).containsExactlyInAnyOrder("connectTimeout", "socketTimeout", "loginTimeout",
                "readOnly", "ApplicationName", "user", "password");
        assertThat(p.values()).doesNotContain("org.example.Evil");
        assertThat(p.getProperty("connectTimeout")).isEqualTo("3");
        assertThat(p.getProperty("readOnly")).isEqualTo("true");
        assertThat(s.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void everyDangerousMariaDbPropertyIsDroppedAndLocalInfileTurnedOff() {
        JdbcSettings s = JdbcSettings.build(Dialect.MARIADB, "localhost", 3306, "", all(MARIADB_DANGEROUS),
                Duration.ofMillis(2500));
        assertThat(s.dropped()).containsExactlyInAnyOrderElementsOf(MARIADB_DANGEROUS);
        Properties p = s.properties();
        assertThat(p.stringPropertyNames()).containsExactlyInAnyOrder("connectTimeout", "socketTimeout",
                "allowLocalInfile", "restrictedAuth");
        assertThat(p.getProperty("allowLocalInfile")).isEqualTo("false");
        assertThat(p.getProperty("socketTimeout")).isEqualTo("2500");
        assertThat(p.getProperty("restrictedAuth")).doesNotContain("clear");
        assertThat(s.url()).isEqualTo("jdbc:mariadb://localhost:3306/");
    }

    @Test
    void tlsModesAreKeptWhenValid() {
        JdbcSettings pg = JdbcSettings.build(Dialect.POSTGRESQL, "h", 5432, "d", Map.of("SSLMODE", "Verify-Full"),
                Duration.ofSeconds(1));
        assertThat(pg.dropped()).isEmpty();
        assertThat(pg.properties().getProperty("sslmode")).isEqualTo("verify-full");
        JdbcSettings bad = JdbcSettings.build(Dialect.POSTGRESQL, "h", 5432, "d", Map.of("sslmode", "x;DROP"),
                Duration.ofSeconds(1));
        assertThat(bad.dropped()).containsExactly("sslmode");
        JdbcSettings maria = JdbcSettings.build(Dialect.MARIADB, "h", 3306, "d", Map.of("sslMode", "verify-ca"),
                Duration.ofSeconds(1));
        assertThat(maria.properties().getProperty("sslMode")).isEqualTo("verify-ca");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my db", "a/b?c=d&socketFactory=x", "x#y"})
    void databaseNameCannotSmuggleParameters(String database) {
        JdbcSettings s = JdbcSettings.build(Dialect.POSTGRESQL, "h", 5432, database, Map.of(), Duration.ofSeconds(1));
        assertThat(s.url().substring("jdbc:postgresql://h:5432/".length())).doesNotContain("?", "&", "/", "#", " ");
    }
}
