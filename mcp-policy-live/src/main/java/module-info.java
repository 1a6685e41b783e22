import dev.mcpsecrets.policy.PolicyCheck;

/** Live probes: checks that contact GitHub or a database, opt-in and only to allowed hosts. */
module dev.mcpsecrets.policy.live {
    requires transitive dev.mcpsecrets.policy.spi;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;
    requires java.sql;
    // JDBC drivers: optional, found as java.sql.Driver services
    requires static org.postgresql.jdbc;
    requires static org.mariadb.jdbc;

    exports dev.mcpsecrets.policy.live;

    uses java.sql.Driver;
    provides PolicyCheck with
            dev.mcpsecrets.policy.live.internal.GitHubTokenScopeCheck,
            dev.mcpsecrets.policy.live.internal.DatabasePrivilegeCheck;
}
