package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void guideConnectionStringWithUserAndPassword() throws Exception {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://user:pa%40ss@localhost/db");
        assertThat(u.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(u.host()).isEqualTo("localhost");
        assertThat(u.port()).isEqualTo(5432);
        assertThat(u.database()).isEqualTo("db");
        assertThat(u.user()).contains("user");
        assertThat(u.password()).contains("pa@ss");
        assertThat(u.toString()).doesNotContain("pa@ss", "pa%40ss").contains("password present");
    }

    @Test
    void jdbcMysqlWithPortAndQueryCredentials() throws Exception {
        DatabaseUrl u = DatabaseUrl.parse("jdbc:mysql://127.0.0.1:3307/app?user=bob&password=s3cret&sslMode=verify-full"
                + "&allowLoadLocalInfile=true");
        assertThat(u.dialect()).isEqualTo(Dialect.MARIADB);
        assertThat(u.port()).isEqualTo(3307);
        assertThat(u.user()).contains("bob");
        assertThat(u.password()).contains("s3cret");
        assertThat(u.properties()).containsExactly(Map.entry("sslMode", "verify-full"),
                Map.entry("allowLoadLocalInfile", "true"));
        assertThat(u.toString()).doesNotContain("s3cret");
    }

    @Test
    void ipv6AndMissingHost() throws Exception {
        assertThat(DatabaseUrl.parse("postgres://[::1]:6543/x").host()).isEqualTo("[::1]");
        DatabaseUrl local = DatabaseUrl.parse("postgresql:///test");
        assertThat(local.host()).isEqualTo("localhost");
        assertThat(local.user()).isEqualTo(Optional.empty());
    }

    @Test
    void severalHostsBadHostsAndBadPortsAreRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://a:5432,b:5432/db"))
                .isInstanceOf(DatabaseUrl.Malformed.class).hasMessageContaining("several hosts");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:mariadb://address=(host=evil)(port=3306)/db"))
                .isInstanceOf(DatabaseUrl.Malformed.class).hasMessageContaining("host");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secretpw@h:99999/db"))
                .isInstanceOf(DatabaseUrl.Malformed.class).hasMessageContaining("port").hasMessageNotContaining("secretpw");
        assertThatThrownBy(() -> DatabaseUrl.parse("mongodb://h/db")).isInstanceOf(DatabaseUrl.Malformed.class);
    }

    @Test
    void recognisesOnlyPostgresAndMysqlFamilies() {
        assertThat(DatabaseUrl.isDatabaseUrl("postgresql://h/db")).isTrue();
        assertThat(DatabaseUrl.isDatabaseUrl("JDBC:MariaDB://h/db")).isTrue();
        assertThat(DatabaseUrl.isDatabaseUrl("redis://h")).isFalse();
        assertThat(DatabaseUrl.isDatabaseUrl("keychain:db/url")).isFalse();
    }
}
