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
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        if (!up && "true".equals(System.getenv("CI"))) {
            Assertions.fail(name + " is not listening on 127.0.0.1:" + port + " (CI must provide it)");
        }
        Assumptions.assumeTrue(up, name + " is not listening on 127.0.0.1:" + port + "; skipping");
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
