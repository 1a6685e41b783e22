package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.FileSystemView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

/**
 * A well-declared server starts although its working directory's git history once held a {@code .env}
 * and the user's Claude Desktop config holds an insecure other server: by default those are not the
 * server's to answer for (the other server is named in a warning, the history is not even read). With
 * every scope enabled the guard refuses on both. Uses the git command.
 */
class PolicyGuardScopesIT {
    private static final String OTHER_SECRET = "ghp_" + "Other0Server0Token0123456789abcdefgh";
    private static final String HISTORY_SECRET = "sk-ant-api03-" + "History0Secret0Value0123456789abcdefghijklmnopqrstuvwxyz0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijAA";

    @TempDir
    Path root;
    private FileSystemView view;
    private Path project;
    private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final EventRecordingLogger logger =
            new EventRecordingLogger(new SubstituteLogger("guard", events, false), events);

    @BeforeEach
    void setUp() throws Exception {
        Path home = root.resolve("home");
        project = home.resolve("projects/notes");
        Files.createDirectories(project);
        view = FileSystemView.of(home, project, FileSystemView.OperatingSystem.LINUX, Map.of("HOME", home.toString()))
                .withFingerprintKeyFile(root.resolve("key/fingerprint.key"));
        if (!"true".equals(System.getenv("CI"))) {
            boolean present;
            try {
                present = git("--version") == 0;
            } catch (IOException e) {
                present = false;
            }
            Assumptions.assumeTrue(present, "git is not installed (the history scenario needs the git command)");
        }
        assertThat(git("init", "-q", "-b", "main")).isZero();
        Files.writeString(project.resolve(".env"), "ANTHROPIC_API_KEY=" + HISTORY_SECRET + "\n");
        assertThat(git("add", "-f", ".env")).isZero();
        assertThat(git("commit", "-q", "-m", "add env")).isZero();
        assertThat(git("rm", "-q", "--cached", ".env")).isZero();
        Files.delete(project.resolve(".env"));
        Files.writeString(project.resolve(".gitignore"), ".env\n");
        assertThat(git("add", ".gitignore")).isZero();
        assertThat(git("commit", "-q", "-m", "remove env")).isZero();
        Path desktop = view.configHome().resolve("Claude/claude_desktop_config.json");
        Files.createDirectories(desktop.getParent());
        Files.writeString(desktop, """
                {"mcpServers": {
                  "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                             "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%s"}},
                  "notes": {"command": "java", "args": ["-jar", "/opt/notes/notes-server.jar"]}
                }}
                """.formatted(OTHER_SECRET));
    }

    private int git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", view.home().toString());
        pb.environment().put("XDG_CONFIG_HOME", view.configHome().toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private PolicyGuard.Builder guard() {
        PolicyContext context = PolicyContext.builder().environment(Map.of("HOME", view.home().toString()))
                .files(view).discoverConfigs().build();
        SelfDeclaration self = SelfDeclaration.named("notes").withReadOnly(true)
                .withRoots(List.of(project), List.of());
        return PolicyGuard.builder().context(context).self(self).logger(logger);
    }

    private List<String> logged(Level level) {
        return events.stream().filter(e -> e.getLevel() == level)
                .map(e -> MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage()).toList();
    }

    @Test
    void byDefaultTheHistoryAndAnInsecureOtherServerDoNotRefuseTheStart() {
        PolicyReport report = guard().build().check();

        assertThat(report.atOrAbove(Severity.HIGH)).extracting(Finding::ruleId).doesNotContain("MCP-GIT-002");
        assertThat(report.checks()).filteredOn(c -> c.checkId().equals("MCP-GIT-002")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CheckRun.Status.SKIPPED));
        assertThat(logged(Level.ERROR)).isEmpty();
        assertThat(logged(Level.WARN)).anyMatch(l -> l.contains("MCP-SEC-001") && l.contains("'github'")
                && l.contains("claude_desktop_config.json") && l.contains("warning only: another server's entry"));
        assertThat(logged(Level.INFO)).anyMatch(l -> l.startsWith("MCP policy check: 0 findings"));
        assertThat(events).allSatisfy(e -> assertThat(MessageFormatter.arrayFormat(e.getMessage(),
                e.getArgumentArray()).getMessage()).doesNotContain(OTHER_SECRET).doesNotContain(HISTORY_SECRET));
    }

    @Test
    void historyAskedForAsAWarningNamesTheEnvFileButStarts() {
        guard().warnOn(EnumSet.of(PolicyScope.CONFIG, PolicyScope.HISTORY)).build().check();

        assertThat(logged(Level.ERROR)).isEmpty();
        assertThat(logged(Level.WARN)).anyMatch(l -> l.contains("MCP-GIT-002") && l.contains(".env")
                && l.contains("warning only: git history"));
    }

    @Test
    void withEveryScopeEnabledTheGuardRefusesOnBoth() {
        assertThatThrownBy(() -> guard().allScopes().build().check())
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.report().atOrAbove(Severity.HIGH)).extracting(Finding::ruleId)
                            .contains("MCP-GIT-002", "MCP-SEC-001");
                    assertThat(e.report().findings()).filteredOn(f -> f.ruleId().equals("MCP-SEC-001"))
                            .anyMatch(f -> f.message().contains("'github'") || f.message().contains("github"));
                    assertThat(e.getMessage()).doesNotContain(OTHER_SECRET).doesNotContain(HISTORY_SECRET);
                });
        assertThat(logged(Level.ERROR)).anyMatch(l -> l.contains("refusing to start"));
    }

    @Test
    void theServersOwnInsecureEntryRefusesByDefault() throws Exception {
        Path desktop = view.configHome().resolve("Claude/claude_desktop_config.json");
        Files.writeString(desktop, """
                {"mcpServers": {
                  "notes-prod": {"command": "java", "args": ["-jar", "/opt/notes/notes-server.jar"],
                                 "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%s"}}
                }}
                """.formatted(OTHER_SECRET));
        PolicyContext context = PolicyContext.builder().environment(Map.of("HOME", view.home().toString()))
                .files(view).discoverConfigs().build();
        SelfDeclaration self = SelfDeclaration.named("notes").withReadOnly(true).withRoots(List.of(project), List.of())
                .withCommands(List.of("notes-server.jar"));
        assertThatThrownBy(() -> PolicyGuard.builder().context(context).self(self).logger(logger).build().check())
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.report().findings())
                        .extracting(Finding::ruleId).contains("MCP-SEC-001"));
    }
}
