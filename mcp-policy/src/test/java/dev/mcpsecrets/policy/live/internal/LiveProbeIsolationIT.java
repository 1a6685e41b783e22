package dev.mcpsecrets.policy.live.internal;

import static dev.mcpsecrets.policy.live.internal.LiveTestConfigs.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.live.LiveProbeSettings;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live probes contact nothing unless enabled, and only loopback or allowed hosts when they are. */
class LiveProbeIsolationIT {
    @TempDir
    java.nio.file.Path dir;

    private PolicyContext context(int port, String host, boolean live, Set<String> allowed) {
        String servers = LiveTestConfigs.server("github", "@modelcontextprotocol/server-github",
                "\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"ghp_IsolationTokenAAAAAAAAAAAAAAAAAAAAAA\"") + ",\n"
                + "    \"pg\": {\"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\", "
                + "\"postgresql://app:pw@" + host + ":" + port + "/db\"]},\n"
                + LiveTestConfigs.server("mysql", "@benborla29/mcp-server-mysql", "\"MYSQL_HOST\": \"" + host
                        + "\", \"MYSQL_PORT\": \"" + port + "\", \"MYSQL_USER\": \"app\", \"MYSQL_PASSWORD\": \"pw\"");
        return PolicyContext.builder().configs(List.of(LiveTestConfigs.claudeDesktop(dir, servers)))
                .liveProbes(live, allowed)
                .settings(LiveProbeSettings.defaults().withGithubApiUrl(URI.create("http://127.0.0.1:" + port))
                        .withTimeout(Duration.ofSeconds(2)))
                .build();
    }

    private static List<Finding> runBoth(PolicyContext ctx, ClassLoader drivers) {
        List<Finding> out = new ArrayList<>();
        for (PolicyCheck check : List.of(new GitHubTokenScopeCheck(), new DatabasePrivilegeCheck(drivers))) {
            out.addAll(check.run(ctx).toList());
        }
        return out;
    }

    @Test
    void withLiveProbesOffNothingIsContacted() throws Exception {
        try (CountingSocket socket = new CountingSocket(InetAddress.getLoopbackAddress())) {
            List<Finding> off = runBoth(context(socket.port(), "127.0.0.1", false, Set.of()), getClass().getClassLoader());
            Thread.sleep(300);
            assertThat(off).isEmpty();
            assertThat(socket.accepted()).isZero();

            List<Finding> on = runBoth(context(socket.port(), "127.0.0.1", true, Set.of()), getClass().getClassLoader());
            assertThat(socket.accepted()).as("the same config with live probes on reaches the socket").isGreaterThanOrEqualTo(3);
            assertThat(summary(on)).containsExactly("MCP-LIVE-GH-006 medium", "MCP-LIVE-DB-005 medium",
                    "MCP-LIVE-DB-006 medium", "MCP-LIVE-DB-006 medium");
        }
    }

    @Test
    void databaseThatNeverAnswersIsCouldNotCheckWithinTheDeadline() throws Exception {
        try (CountingSocket socket = new CountingSocket(InetAddress.getLoopbackAddress(), true)) {
            PolicyContext ctx = context(socket.port(), "127.0.0.1", true, Set.of()).toBuilder()
                    .settings(LiveProbeSettings.defaults().withTimeout(Duration.ofSeconds(1))).build();
            long start = System.nanoTime();
            List<Finding> f = new DatabasePrivilegeCheck().run(ctx).toList();
            assertThat(summary(f)).containsExactly("MCP-LIVE-DB-005 medium", "MCP-LIVE-DB-006 medium",
                    "MCP-LIVE-DB-006 medium");
            assertThat(socket.accepted()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two probes of 1 s each").isLessThan(
                    Duration.ofSeconds(6));
        }
    }

    @Test
    void hostThatIsNeitherLoopbackNorAllowedIsNeverContacted() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to test with");
        String host = lan.get().getHostAddress();
        try (CountingSocket socket = new CountingSocket(lan.get())) {
            CountingLoader drivers = new CountingLoader(getClass().getClassLoader());
            List<Finding> refused = new DatabasePrivilegeCheck(drivers).run(context(socket.port(), host, true, Set.of()))
                    .toList();
            assertThat(summary(refused)).containsExactly("MCP-LIVE-DB-005 medium", "MCP-LIVE-DB-006 medium",
                    "MCP-LIVE-DB-006 medium");
            assertThat(refused.get(1).message()).contains(host + " is neither loopback nor one of the hosts allowed");
            assertThat(refused.get(1).remediation()).contains("--allow-host " + host);
            assertThat(drivers.driverLookups.get()).as("no driver was even looked up").isZero();
            assertThat(socket.accepted()).isZero();

            List<Finding> allowed = new DatabasePrivilegeCheck(drivers).run(context(socket.port(), host, true, Set.of(host)))
                    .toList();
            assertThat(socket.accepted()).as("on the allow-list, the host is contacted").isGreaterThanOrEqualTo(2);
            assertThat(allowed.get(1).message()).doesNotContain("neither loopback");
        }
    }

    @Test
    void missingDriverIsCouldNotCheckNamingTheArtifact() {
        ClassLoader withoutDrivers = new HidingLoader(getClass().getClassLoader());
        List<Finding> f = new DatabasePrivilegeCheck(withoutDrivers).run(context(1, "127.0.0.1", true, Set.of()))
                .filter(x -> x.ruleId().equals("MCP-LIVE-DB-006")).toList();
        assertThat(f).hasSize(2);
        assertThat(f.get(0).message()).contains("PostgreSQL JDBC driver is not on the class path");
        assertThat(f.get(0).remediation()).contains("org.postgresql:postgresql");
        assertThat(f.get(1).message()).contains("MariaDB/MySQL JDBC driver is not on the class path");
        assertThat(f.get(1).remediation()).contains("org.mariadb.jdbc:mariadb-java-client");
        assertThat(DriverLocator.find(getClass().getClassLoader(), Dialect.POSTGRESQL)).isPresent();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    /** Counts lookups of JDBC driver services. */
    private static final class CountingLoader extends ClassLoader {
        final AtomicInteger driverLookups = new AtomicInteger();

        CountingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.equals("META-INF/services/java.sql.Driver")) {
                driverLookups.incrementAndGet();
            }
            return super.getResources(name);
        }
    }

    /** A class path without the JDBC drivers, as for a user who did not add them. */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.postgresql.") || name.startsWith("org.mariadb.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> kept = new ArrayList<>();
            for (URL u : Collections.list(super.getResources(name))) {
                String s = u.toString();
                if (!s.contains("postgresql") && !s.contains("mariadb")) {
                    kept.add(u);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
