package dev.mcpsecrets.policy.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbGrantsTest {
    @Test
    void privilegesOnADatabaseWithGrantOption() {
        MariaDbGrants.Grant g = MariaDbGrants.parse("GRANT SELECT, INSERT, UPDATE ON `myapp_dev`.* TO `claude_app`@`localhost`"
                + " WITH GRANT OPTION").orElseThrow();
        assertThat(g.privileges()).containsExactly("SELECT", "INSERT", "UPDATE");
        assertThat(g.scope()).isEqualTo("`myapp_dev`.*");
        assertThat(g.grantOption()).isTrue();
        assertThat(g.isRoleGrant()).isFalse();
    }

    @Test
    void passwordHashIsNeverKept() {
        MariaDbGrants.Grant g = MariaDbGrants.parse("GRANT USAGE ON *.* TO `u`@`%` IDENTIFIED BY PASSWORD "
                + "'*B69027D44F6E5EDC07F1AEAD1477967B16F28227'").orElseThrow();
        assertThat(g.privileges()).containsExactly("USAGE");
        assertThat(g.scope()).isEqualTo("*.*");
        assertThat(g.toString()).doesNotContain("B69027D4");
    }

    @Test
    void allAndColumnListsAndMultiWordPrivileges() {
        MariaDbGrants.Grant all = MariaDbGrants.parse("GRANT ALL ON `test`.* TO 'u'@'%'").orElseThrow();
        assertThat(all.privileges()).containsExactly("ALL PRIVILEGES");
        MariaDbGrants.Grant cols = MariaDbGrants.parse("GRANT SELECT (`a`, `b`), UPDATE (`c`), CREATE USER, SHOW VIEW ON "
                + "`db`.`t, x` TO `u`@`h`").orElseThrow();
        assertThat(cols.privileges()).containsExactly("SELECT", "UPDATE", "CREATE USER", "SHOW VIEW");
        assertThat(cols.scope()).isEqualTo("`db`.`t, x`");
        assertThat(cols.grantOption()).isFalse();
    }

    @Test
    void roleGrantsAndOtherLines() {
        MariaDbGrants.Grant roles = MariaDbGrants.parse("GRANT `writer`, `read``er` TO `u`@`%`").orElseThrow();
        assertThat(roles.roles()).containsExactly("writer", "read`er");
        assertThat(MariaDbGrants.parse("SET DEFAULT ROLE `writer` FOR `u`@`%`")).isEmpty();
        assertThat(MariaDbGrants.parse("GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION")).isEmpty();
        assertThat(MariaDbGrants.quoteAccount("read`er")).isEqualTo("`read``er`");
        assertThat(MariaDbGrants.quoteAccount("r@%")).isEqualTo("`r`@`%`");
        assertThat(List.of(MariaDbGrants.quoteAccount("x"))).containsExactly("`x`");
    }
}
