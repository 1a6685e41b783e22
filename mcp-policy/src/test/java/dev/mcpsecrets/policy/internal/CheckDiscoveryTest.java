package dev.mcpsecrets.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckDiscoveryTest {

    /** Loads fine. */
    public static final class GoodCheck implements PolicyCheck {
        @Override
        public String id() {
            return "TEST-GOOD-001";
        }

        @Override
        public Stream<Finding> run(PolicyContext context) {
            return Stream.empty();
        }
    }

    /** Fails in its constructor, as a plugin with a missing dependency would. */
    public static final class ExplodingCheck implements PolicyCheck {
        /** Always throws. */
        public ExplodingCheck() {
            throw new IllegalStateException("plugin broken");
        }

        @Override
        public String id() {
            return "TEST-EXPLODE-001";
        }

        @Override
        public Stream<Finding> run(PolicyContext context) {
            return Stream.empty();
        }
    }

    /** Has an id that is no rule id. */
    public static final class BadIdCheck implements PolicyCheck {
        @Override
        public String id() {
            return "not a rule id";
        }

        @Override
        public Stream<Finding> run(PolicyContext context) {
            return Stream.empty();
        }
    }

    /** Takes an id that is already taken. */
    public static final class DuplicateCheck implements PolicyCheck {
        @Override
        public String id() {
            return "TEST-GOOD-001";
        }

        @Override
        public Stream<Finding> run(PolicyContext context) {
            return Stream.empty();
        }
    }

    @Test
    void brokenPluginsAreSkippedAndTheRestLoad(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("META-INF/services/dev.mcpsecrets.policy.PolicyCheck");
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n",
                "com.example.DoesNotExist",
                ExplodingCheck.class.getName(),
                BadIdCheck.class.getName(),
                GoodCheck.class.getName(),
                DuplicateCheck.class.getName(),
                "java.lang.String"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            var checks = CheckDiscovery.discover(loader);
            assertThat(checks).extracting(PolicyCheck::id).contains("TEST-GOOD-001", "MCP-CFG-001")
                    .doesNotContain("TEST-EXPLODE-001", "not a rule id");
            assertThat(checks).filteredOn(c -> c.id().equals("TEST-GOOD-001")).singleElement()
                    .isInstanceOf(GoodCheck.class);
            PolicyEngine engine = PolicyEngine.builder().classLoader(loader).build();
            assertThat(engine.checks()).extracting(PolicyCheck::id).contains("TEST-GOOD-001");
        }
    }
}
