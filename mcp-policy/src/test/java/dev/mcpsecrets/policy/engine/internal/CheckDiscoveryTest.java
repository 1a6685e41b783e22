package dev.mcpsecrets.policy.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckDiscoveryTest {

    /** A check that finds nothing, with a fixed id. */
    abstract static class FixedIdCheck implements PolicyCheck {
        private final String id;

        FixedIdCheck(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Stream<Finding> run(PolicyContext context) {
            return Stream.empty();
        }
    }

    /** Loads fine. */
    public static final class GoodCheck extends FixedIdCheck {
        /** Creates it. */
        public GoodCheck() {
            super("TEST-GOOD-001");
        }
    }

    /** Fails in its constructor, as a plugin with a missing dependency would. */
    public static final class ExplodingCheck extends FixedIdCheck {
        /** Always throws. */
        public ExplodingCheck() {
            super("TEST-EXPLODE-001");
            throw new IllegalStateException("plugin broken");
        }
    }

    /** Has an id that is no rule id. */
    public static final class BadIdCheck extends FixedIdCheck {
        /** Creates it. */
        public BadIdCheck() {
            super("not a rule id");
        }
    }

    /** Takes an id that is already taken. */
    public static final class DuplicateCheck extends FixedIdCheck {
        /** Creates it. */
        public DuplicateCheck() {
            super("TEST-GOOD-001");
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
