package dev.mcpsecrets.policy.live.internal;

/** The database families the live probe can check, with the driver each needs. */
enum Dialect {
    /** PostgreSQL, through pgjdbc. */
    POSTGRESQL("PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql", 5432, "jdbc:postgresql://"),
    /** MariaDB and MySQL, through MariaDB Connector/J. */
    MARIADB("MariaDB/MySQL", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client", 3306, "jdbc:mariadb://");

    private final String displayName;
    private final String driverClass;
    private final String artifact;
    private final int defaultPort;
    private final String jdbcPrefix;

    Dialect(String displayName, String driverClass, String artifact, int defaultPort, String jdbcPrefix) {
        this.displayName = displayName;
        this.driverClass = driverClass;
        this.artifact = artifact;
        this.defaultPort = defaultPort;
        this.jdbcPrefix = jdbcPrefix;
    }

    String displayName() {
        return displayName;
    }

    String driverClass() {
        return driverClass;
    }

    /** Maven coordinates of the driver, named when it is missing. */
    String artifact() {
        return artifact;
    }

    int defaultPort() {
        return defaultPort;
    }

    String jdbcPrefix() {
        return jdbcPrefix;
    }

    /** The dialect of a URL scheme ({@code postgresql}, {@code mysql}, ...), or {@code null}. */
    static Dialect ofScheme(String scheme) {
        switch (scheme) {
            case "postgres":
            case "postgresql":
                return POSTGRESQL;
            case "mysql":
            case "mariadb":
                return MARIADB;
            default:
                return null;
        }
    }
}
