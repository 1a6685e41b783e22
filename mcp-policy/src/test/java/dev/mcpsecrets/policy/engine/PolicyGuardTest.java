package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.policy.checks.internal.ConfigSyntaxCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

class PolicyGuardTest {
    private static final String SECRET = "ghp_Guard0Secret0Value0123456789abcdef";

    @TempDir
    Path tmp;
    private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final EventRecordingLogger logger =
            new EventRecordingLogger(new SubstituteLogger("guard", events, false), events);

    private PolicyGuard.Builder guard() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).build();
        // every scope judged: the broken configs belong to other servers, which the default only warns about
        return PolicyGuard.builder().context(Fixtures.brokenConfigs(tmp, SECRET)).logger(logger).engine(engine)
                .self(SelfDeclaration.named("notes").withReadOnly(true)).allScopes();
    }

    private List<String> logged(Level level) {
        return events.stream().filter(e -> e.getLevel() == level)
                .map(e -> MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage()).toList();
    }

    @Test
    void throwsAtHighWithTheReportAndLogsEveryFinding() throws Exception {
        PolicyGuard g = guard().build();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(g::check).isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                assertThat(e.threshold()).isEqualTo(Severity.HIGH);
                assertThat(e.report().atOrAbove(Severity.HIGH)).extracting(Finding::ruleId).containsExactly("MCP-CFG-001");
                assertThat(e.getMessage()).contains("1 finding at or above high").contains("MCP-CFG-001")
                        .doesNotContain(SECRET);
            });
        } finally {
            System.setOut(original);
        }
        assertThat(captured.size()).as("nothing on stdout").isZero();
        assertThat(logged(Level.ERROR)).anyMatch(l -> l.contains("[MCP-CFG-001 high]") && l.contains(".claude.json:1:"))
                .anyMatch(l -> l.contains("refusing to start"));
        assertThat(logged(Level.WARN)).anyMatch(l -> l.contains("[MCP-CFG-002 medium]") && l.contains("Fix: Remove the comments"));
        assertThat(events).allSatisfy(e -> assertThat(
                MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage()).doesNotContain(SECRET));
    }

    @Test
    void warnOnlyLogsButStarts() throws Exception {
        PolicyReport report = guard().warnOnly(true).build().check();
        assertThat(report.highestSeverity()).contains(Severity.HIGH);
        assertThat(logged(Level.ERROR)).isEmpty();
        assertThat(logged(Level.WARN)).anyMatch(l -> l.contains("warn-only mode, starting anyway"));
    }

    @Test
    void higherThresholdLetsItStart() throws Exception {
        PolicyReport report = guard().failOn(Severity.CRITICAL).build().check();
        assertThat(report.findings()).isNotEmpty();
        assertThat(logged(Level.INFO)).anyMatch(l -> l.startsWith("MCP policy check: 2 findings (0 at or above critical)"));
    }

    @Test
    void byDefaultOtherServersBrokenConfigsOnlyWarn() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().discoverChecks(false).addCheck(new ConfigSyntaxCheck()).build();
        PolicyReport report = PolicyGuard.builder().context(Fixtures.brokenConfigs(tmp, SECRET)).logger(logger)
                .engine(engine).self(SelfDeclaration.named("notes").withReadOnly(true)).build().check();
        assertThat(report.findings()).extracting(Finding::ruleId).contains("MCP-CFG-001");
        assertThat(logged(Level.ERROR)).isEmpty();
        assertThat(logged(Level.WARN)).anyMatch(l -> l.contains("[MCP-CFG-001 high]") && l.contains("warning only"));
    }

    @Test
    void selfDeclarationReachesTheChecks() throws Exception {
        List<SelfDeclaration> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        PolicyEngine engine = PolicyEngine.builder().discoverChecks(false).addCheck(TestChecks.of("TEST-SELF-001", ctx -> {
            ctx.self().ifPresent(seen::add);
            return java.util.stream.Stream.empty();
        })).build();
        guard().engine(engine).build().check();
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.serverName()).isEqualTo("notes");
            assertThat(s.readOnly()).isTrue();
        });
    }
}
