package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.FileSystemView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEngineTest {
    private static final Path CFG = Path.of("/home/u/.cursor/mcp.json");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private PolicyContext context() {
        return PolicyContext.builder()
                .files(FileSystemView.of(Path.of("/home/u"), Path.of("/home/u/app"), FileSystemView.OperatingSystem.LINUX, Map.of()))
                .build();
    }

    private static PolicyEngine.Builder engine(PolicyCheck... checks) {
        PolicyEngine.Builder b = PolicyEngine.builder().discoverChecks(false).clock(CLOCK);
        for (PolicyCheck c : checks) {
            b.addCheck(c);
        }
        return b;
    }

    @Test
    void checkThatThrowsBecomesAnErrorFindingAndTheRunCompletes() {
        PolicyCheck boom = TestChecks.of("TEST-BOOM-001", ctx -> {
            throw new IllegalStateException("secret-value-in-message");
        });
        PolicyCheck ok = TestChecks.of("TEST-OK-001",
                ctx -> Stream.of(TestChecks.finding("TEST-OK-001", Severity.LOW, CFG, "/mcpServers/a")));
        PolicyReport report = engine(boom, ok).build().run(context());
        assertThat(report.findings()).extracting(Finding::ruleId).containsExactlyInAnyOrder("MCP-ENG-001", "TEST-OK-001");
        Finding error = report.findings().stream().filter(f -> f.ruleId().equals("MCP-ENG-001")).findFirst().orElseThrow();
        assertThat(error.severity()).isEqualTo(Severity.HIGH);
        assertThat(error.message()).contains("TEST-BOOM-001").contains("IllegalStateException")
                .doesNotContain("secret-value-in-message");
        assertThat(error.help()).contains("fails closed");
        assertThat(report.checks()).extracting(CheckRun::status)
                .containsExactly(CheckRun.Status.FAILED, CheckRun.Status.OK);
        assertThat(report.checks().get(0).detail()).doesNotContain("secret-value-in-message");
        assertThat(report.allChecksCompleted()).isFalse();
    }

    @Test
    void exceptionWhileConsumingTheStreamIsCaughtToo() {
        PolicyCheck lazy = TestChecks.of("TEST-LAZY-001", ctx -> Stream.of(1, 2).map(i -> {
            if (i == 2) {
                throw new ArithmeticException();
            }
            return TestChecks.finding("TEST-LAZY-001", Severity.LOW, CFG, "/x");
        }));
        PolicyReport report = engine(lazy).build().run(context());
        assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("MCP-ENG-001", "TEST-LAZY-001");
    }

    @Test
    void checkThatHangsTimesOutAsAnErrorFinding() {
        PolicyCheck hang = TestChecks.of("TEST-HANG-001", ctx -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Stream.empty();
        });
        long start = System.nanoTime();
        PolicyReport report = engine(hang).checkTimeout(Duration.ofMillis(200)).build().run(context());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(report.checks()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckRun.Status.TIMED_OUT));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-ENG-001");
            assertThat(f.message()).contains("did not finish within 200 ms");
        });
    }

    @Test
    void undeclaredRuleIdAndNullStreamAreErrors() {
        PolicyCheck liar = TestChecks.of("TEST-LIE-001",
                ctx -> Stream.of(TestChecks.finding("TEST-OTHER-001", Severity.CRITICAL, CFG, "/a")));
        PolicyCheck nothing = TestChecks.of("TEST-NULL-001", ctx -> null);
        PolicyReport report = engine(liar, nothing).build().run(context());
        assertThat(report.findings()).extracting(Finding::ruleId).containsOnly("MCP-ENG-001").hasSize(2);
        assertThat(report.findings()).extracting(Finding::message).anyMatch(m -> m.contains("not among its declared"));
    }

    @Test
    void liveProbesAreSkippedUnlessAllowed() {
        PolicyReport off = engine(TestChecks.live("TEST-LIVE-001")).build().run(context());
        assertThat(off.checks()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckRun.Status.SKIPPED));
        assertThat(off.findings()).isEmpty();
        PolicyContext allowed = context().toBuilder().liveProbes(true, Set.of("api.github.com")).build();
        assertThat(engine(TestChecks.live("TEST-LIVE-001")).build().run(allowed).findings()).hasSize(1);
        assertThat(allowed.mayContact("API.GITHUB.COM")).isTrue();
        assertThat(allowed.mayContact("evil.example")).isFalse();
        assertThat(allowed.mayContact("127.0.0.1")).as("loopback needs no allow-list entry").isTrue();
        assertThat(off.findings()).isEmpty();
        assertThat(context().mayContact("127.0.0.1")).as("nothing is contacted with live probes off").isFalse();
    }

    @Test
    void invalidChecksAreRejectedAtRegistration() {
        assertThatThrownBy(() -> PolicyEngine.builder().addCheck(TestChecks.of("bad id", ctx -> Stream.empty())))
                .hasMessageContaining("rule id");
    }

    @Test
    void discoveryFindsTheBuiltInChecks() {
        PolicyEngine engine = PolicyEngine.builder().build();
        assertThat(engine.checks()).extracting(PolicyCheck::id).contains("MCP-CFG-001");
    }

    @Test
    void excludedChecksDoNotRun() {
        PolicyEngine engine = PolicyEngine.builder().excludeChecks(Set.of("MCP-CFG-001")).build();
        assertThat(engine.checks()).extracting(PolicyCheck::id).doesNotContain("MCP-CFG-001");
        PolicyEngine explicit = engine(TestChecks.live("TEST-X-001")).excludeChecks(Set.of("TEST-X-001")).build();
        assertThat(explicit.checks()).isEmpty();
    }

    @Test
    void findingsAreSortedAndDeduplicated() {
        Finding b = TestChecks.finding("TEST-M-001", Severity.LOW, Path.of("/b.json"), "/x");
        Finding a = TestChecks.finding("TEST-M-001", Severity.LOW, Path.of("/a.json"), "/x");
        PolicyCheck c = TestChecks.multi("TEST-M-001", Set.of("TEST-M-001"), List.of(b, a, b));
        assertThat(engine(c).build().run(context()).findings()).containsExactly(a, b);
    }

    @Test
    void suppressionsHideMatchingFindingsAndExpiredOnesBecomeFindings() throws Exception {
        Path file = tmp.resolve("suppressions.json");
        Files.writeString(file, """
                {
                  "version": 1,
                  // accepted risks
                  "suppressions": [
                    {"rule": "TEST-S-*", "location": "~/.cursor/mcp.json#/mcpServers/fs/**", "reason": "container mount"},
                    {"rule": "TEST-S-002", "location": "**", "reason": "old decision", "expires": "2026-01-31"},
                    {"rule": "TEST-S-003", "location": "**", "reason": ""},
                    {"rule": "TEST-S-003", "location": "**", "reason": "x", "expires": "soon"}
                  ]
                }
                """);
        Suppressions suppressions = Suppressions.load(file);
        assertThat(suppressions.entries()).hasSize(2);
        assertThat(suppressions.problems()).hasSize(2).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-ENG-003");
            assertThat(f.location().file()).isEqualTo(file);
            assertThat(f.location().line()).isGreaterThan(5);
        });
        PolicyCheck c = TestChecks.multi("TEST-S-001", Set.of("TEST-S-001", "TEST-S-002", "TEST-S-003"), List.of(
                TestChecks.finding("TEST-S-001", Severity.HIGH, CFG, "/mcpServers/fs/args/2"),
                TestChecks.finding("TEST-S-001", Severity.HIGH, CFG, "/mcpServers/other/args/2"),
                TestChecks.finding("TEST-S-002", Severity.HIGH, Path.of("/elsewhere.json"), "/a"),
                TestChecks.finding("TEST-S-003", Severity.HIGH, Path.of("/elsewhere.json"), "/b")));
        PolicyReport report = engine(c).suppressions(suppressions).build().run(context());
        assertThat(report.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().location().jsonPointer()).isEqualTo("/mcpServers/fs/args/2");
            assertThat(s.suppression().reason()).isEqualTo("container mount");
        });
        assertThat(report.findings()).extracting(Finding::ruleId).containsExactlyInAnyOrder(
                "TEST-S-001", "TEST-S-002", "TEST-S-003", "MCP-ENG-002", "MCP-ENG-003", "MCP-ENG-003");
        Finding expired = report.findings().stream().filter(f -> f.ruleId().equals("MCP-ENG-002")).findFirst().orElseThrow();
        assertThat(expired.location().line()).isEqualTo(6);
        assertThat(expired.message()).contains("2026-01-31");
    }

    @Test
    void unreadableSuppressionsFileHidesNothing() {
        Suppressions s = Suppressions.load(tmp.resolve("missing.json"));
        assertThat(s.entries()).isEmpty();
        assertThat(s.problems()).singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("MCP-ENG-003"));
    }

    @Test
    void baselineFromAPreviousJsonReportHidesKnownFindings() throws Exception {
        Finding old = TestChecks.finding("TEST-B-001", Severity.HIGH, CFG, "/mcpServers/a");
        Finding fresh = TestChecks.finding("TEST-B-001", Severity.HIGH, CFG, "/mcpServers/b");
        PolicyReport first = engine(TestChecks.multi("TEST-B-001", Set.of("TEST-B-001"), List.of(old)))
                .build().run(context());
        Path json = tmp.resolve("baseline.json");
        Files.writeString(json, ReportWriter.render(first, ReportFormat.JSON, ReportOptions.DEFAULTS));
        Baseline baseline = Baseline.load(json);
        assertThat(baseline.size()).isEqualTo(1);
        PolicyReport second = engine(TestChecks.multi("TEST-B-001", Set.of("TEST-B-001"), List.of(old, fresh)))
                .baseline(baseline).build().run(context());
        assertThat(second.findings()).containsExactly(fresh);
        assertThat(second.baselineMatched()).isEqualTo(1);
    }

    @Test
    void baselineThatIsNotAReportIsAClearError() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"findings\": [\n}");
        assertThatThrownBy(() -> Baseline.load(bad)).hasMessageContaining(bad + ":2:1");
        Files.writeString(bad, "{\"runs\": []}");
        assertThatThrownBy(() -> Baseline.load(bad)).hasMessageContaining("--format json");
    }
}
