package dev.mcpsecrets.policy.checks.internal;

import static dev.mcpsecrets.policy.checks.internal.Harness.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without git: the git-ignore check says what it did not check instead of failing. */
class GitMissingTest {
    @TempDir
    Path root;

    @Test
    void missingGitIsAnInformationalNoteNamingTheFiles() throws Exception {
        FileSystemView view = Harness.view(root);
        Path project = view.workingDirectory();
        Files.createDirectories(project.resolve(".git"));
        write(project.resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");

        List<Finding> findings = Harness.run(new GitIgnoreCheck("mcp-secrets-test-no-such-git-program"),
                Harness.context(view, Map.of()).build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-GIT-001");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.title()).isEqualTo("git is not available");
            assertThat(f.message()).contains("not installed or not on the PATH").contains("~/app/.env")
                    .contains("was not checked");
            assertThat(f.remediation()).contains("Install git");
        });
        Harness.assertNoValue(findings, Harness.BRAVE);
    }

    @Test
    void outsideAnyRepositoryGitIsNotNeeded() throws Exception {
        FileSystemView view = Harness.view(root);
        write(view.workingDirectory().resolve(".env"), "BRAVE_API_KEY=" + Harness.BRAVE + "\n", "rw-------");
        assertThat(Harness.run(new GitIgnoreCheck("mcp-secrets-test-no-such-git-program"),
                Harness.context(view, Map.of()).build())).isEmpty();
    }
}
