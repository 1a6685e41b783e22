package dev.mcpsecrets.policy.checks.internal;

import static dev.mcpsecrets.policy.checks.internal.Harness.GITHUB;
import static dev.mcpsecrets.policy.checks.internal.Harness.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git checks against real repositories made with the git CLI. */
class GitChecksIT {
    @TempDir
    Path root;
    private FileSystemView view;
    private Path project;

    @BeforeEach
    void setUp() throws Exception {
        view = Harness.view(root);
        project = view.workingDirectory();
        Files.createDirectories(project);
        if (!"true".equals(System.getenv("CI"))) {
            boolean present;
            try {
                present = git(project, "--version") == 0;
            } catch (IOException e) {
                present = false;
            }
            Assumptions.assumeTrue(present, "git is not installed (the git checks need the git command)");
        }
        assertThat(git(project, "init", "-q", "-b", "main")).isZero();
    }

    private int git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", view.home().toString());
        pb.environment().put("XDG_CONFIG_HOME", view.configHome().toString());
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private PolicyContext context() {
        return Harness.context(view, Map.of()).build();
    }

    @Test
    void envFileNotIgnoredIsHighAndIgnoredIsFine() throws Exception {
        write(project.resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");
        List<Finding> findings = Harness.run(new GitIgnoreCheck(), context());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-GIT-001");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.remediation()).contains("echo '.env' >> ~/app/.gitignore");
        });
        write(project.resolve(".gitignore"), ".env\n", "rw-r--r--");
        assertThat(Harness.run(new GitIgnoreCheck(), context())).isEmpty();
    }

    @Test
    void globalExcludesFileCounts() throws Exception {
        write(project.resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");
        write(view.home().resolve(".gitignore_global"), ".env\n", "rw-r--r--");
        write(view.home().resolve(".gitconfig"), "[core]\n\texcludesFile = " + view.home().resolve(".gitignore_global")
                + "\n", "rw-r--r--");
        assertThat(Harness.run(new GitIgnoreCheck(), context())).isEmpty();
    }

    @Test
    void trackedSecretFileIsCritical() throws Exception {
        write(project.resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");
        write(project.resolve(".gitignore"), ".env\n", "rw-r--r--");
        assertThat(git(project, "add", "-f", ".env")).isZero();
        assertThat(git(project, "commit", "-q", "-m", "oops")).isZero();
        assertThat(Harness.run(new GitIgnoreCheck(), context())).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.remediation()).contains("rm --cached -- .env");
        });
    }

    @Test
    void secretAddedThenDeletedStaysInHistoryAndIsReportedOnceWithItsFirstCommit() throws Exception {
        write(project.resolve("README.md"), "hello\n", "rw-r--r--");
        assertThat(git(project, "add", ".")).isZero();
        assertThat(git(project, "commit", "-q", "-m", "start")).isZero();
        write(project.resolve(".mcp.json"), "{\"mcpServers\": {\"gh\": {\"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\"}}}}\n",
                "rw-r--r--");
        assertThat(git(project, "add", ".")).isZero();
        assertThat(git(project, "commit", "-q", "-m", "add config")).isZero();
        String first = head();
        write(project.resolve(".mcp.json"), "{\"mcpServers\": {\"gh\": {\"env\": {\"X\": \"1\", \"GITHUB_TOKEN\": \"" + GITHUB
                + "\"}}}}\n", "rw-r--r--");
        assertThat(git(project, "commit", "-q", "-am", "change")).isZero();
        Files.delete(project.resolve(".mcp.json"));
        assertThat(git(project, "commit", "-q", "-am", "remove")).isZero();
        List<Finding> findings = Harness.run(new GitHistoryCheck(), context());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-GIT-002");
            assertThat(f.message()).contains(first.substring(0, 12)).contains(".mcp.json").contains("github-token")
                    .contains("GitHub token, 40 characters");
        });
        Harness.assertNoValue(findings, GITHUB);
    }

    @Test
    void cleanHistoryAndNoRepositoryGiveNothing() throws Exception {
        write(project.resolve("app.js"), "const token = process.env.GITHUB_TOKEN;\n", "rw-r--r--");
        assertThat(git(project, "add", ".")).isZero();
        assertThat(git(project, "commit", "-q", "-m", "clean")).isZero();
        assertThat(Harness.run(new GitHistoryCheck(), context())).isEmpty();
        FileSystemView elsewhere = FileSystemView.of(root.resolve("h2"), root.resolve("h2/p"),
                FileSystemView.OperatingSystem.LINUX, Map.of());
        Files.createDirectories(root.resolve("h2/p"));
        assertThat(Harness.run(new GitHistoryCheck(), Harness.context(elsewhere, Map.of()).build())).isEmpty();
    }

    @Test
    void historyScanPastItsDeadlineFailsInsteadOfReportingNothing() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            big.append("line ").append(i).append(" token = value").append(i).append('\n');
        }
        write(project.resolve("big.txt"), big.toString(), "rw-r--r--");
        assertThat(git(project, "add", ".")).isZero();
        assertThat(git(project, "commit", "-q", "-m", "big")).isZero();
        PolicyContext hurried = Harness.context(view, Map.of()).options(Map.of("git.timeoutSeconds", "0.001")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GitHistoryCheck().run(hurried).toList())
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("did not finish within");
    }

    private String head() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(project.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
