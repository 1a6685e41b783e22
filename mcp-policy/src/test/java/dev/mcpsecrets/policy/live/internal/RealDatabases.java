package dev.mcpsecrets.policy.live.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL (127.0.0.1:5432, superuser postgres, trust) and MariaDB (127.0.0.1:3306, root, empty
 * password) of this machine. Outside CI a test skips when one is absent; in CI it fails.
 */
final class RealDatabases {
    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private RealDatabases() {
    }

    static void require(int port, String name) {
        boolean up = listening(port);
        if (!up && inCi()) {
            Assertions.fail(name + " is not listening on 127.0.0.1:" + port + " (CI must provide it)");
        }
        Assumptions.assumeTrue(up, name + " is not listening on 127.0.0.1:" + port + "; skipping");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Decides before {@code @BeforeAll} and {@code @AfterAll} run: a class whose database is not listening is
     * skipped outside CI with the reason (its set-up and clean-up never try to connect), and fails in CI.
     */
    abstract static class Required implements ExecutionCondition {
        private final int port;
        private final String name;

        Required(int port, String name) {
            this.port = port;
            this.name = name;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (listening(port)) {
                return ConditionEvaluationResult.enabled(name + " is listening on 127.0.0.1:" + port);
            }
            String absent = name + " is not listening on 127.0.0.1:" + port;
            if (inCi()) {
                throw new IllegalStateException(absent + " (CI=true: CI must provide it)");
            }
            return ConditionEvaluationResult.disabled("skipped outside CI: " + absent);
        }
    }

    /** The PostgreSQL on port 5432. */
    static final class Postgres extends Required {
        Postgres() {
            super(5432, "PostgreSQL");
        }
    }

    /** The MariaDB on port 3306. */
    static final class MariaDb extends Required {
        MariaDb() {
            super(3306, "MariaDB");
        }
    }

    static Connection postgresAdmin() throws SQLException {
        return DriverManager.getConnection(PG_ADMIN_URL, "postgres", "");
    }

    static Connection mariadbAdmin() throws SQLException {
        return DriverManager.getConnection(MARIADB_ADMIN_URL, "root", "");
    }

    static void run(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
