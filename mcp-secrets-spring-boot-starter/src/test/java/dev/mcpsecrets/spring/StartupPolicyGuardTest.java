package dev.mcpsecrets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyViolationException;
import dev.mcpsecrets.policy.SelfDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class StartupPolicyGuardTest {
    private static final String TOKEN = "ghp_GuardMustNotShow0123456789abc";
    /** The broken config fixture belongs to no server of these tests: judge every server's entries. */
    private static final String JUDGE_ALL_CONFIGS = "--mcp-secrets.policy.refuse-on=self,config";

    @TempDir
    Path dir;
    private Path home;
    private Path project;

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
        RecordingPolicyCheck.LAST.set(null);
    }

    @Test
    void invalidMcpConfigFailsTheContextWithTheReportInTheFailureAnalysis(CapturedOutput output) throws IOException {
        brokenProjectConfig();
        assertThatThrownBy(() -> start("--mcp-secrets.policy.fail-on=high", JUDGE_ALL_CONFIGS))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.threshold().label()).isEqualTo("high");
                    assertThat(e.report().atOrAbove(e.threshold())).extracting(f -> f.ruleId())
                            .contains("MCP-CFG-001");
                });
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("MCP-CFG-001")
                .contains(project.resolve(".mcp.json").toString())
                .contains("mcp-secrets.policy.suppressions")
                .doesNotContain(TOKEN);
    }

    @Test
    void findingsBelowTheThresholdOnlyGetLogged(CapturedOutput output) throws IOException {
        brokenProjectConfig();
        start("--mcp-secrets.policy.fail-on=critical", JUDGE_ALL_CONFIGS).close();
        assertThat(output.getAll()).contains("MCP-CFG-001").contains("(0 at or above critical)")
                .doesNotContain("warn-only mode");
        start("--mcp-secrets.policy.fail-on=never", JUDGE_ALL_CONFIGS).close();
        assertThat(output.getAll()).contains("warn-only mode, starting anyway");
    }

    @Test
    void suppressedFindingDoesNotStopStartup() throws IOException {
        brokenProjectConfig();
        Path suppressions = Files.writeString(dir.resolve("suppressions.json"), """
                {"version": 1, "suppressions": [
                  {"rule": "MCP-CFG-001", "location": "%s", "reason": "fixture of this test"}
                ]}""".formatted(project.resolve(".mcp.json").toString().replace('\\', '/')));
        start("--mcp-secrets.policy.suppressions=" + suppressions, JUDGE_ALL_CONFIGS).close();
        assertThat(RecordingPolicyCheck.LAST.get()).as("the guard ran").isNotNull();
    }

    @Test
    void byDefaultAnotherServersBrokenConfigOnlyWarns(CapturedOutput output) throws IOException {
        brokenProjectConfig();
        start().close();
        assertThat(output.getAll()).contains("MCP-CFG-001").contains("warning only")
                .doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void declaredReadRootOfTheHomeDirectoryStopsStartup() {
        assertThatThrownBy(() -> start("--mcp-secrets.policy.read-roots=" + home))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.report().findings())
                        .extracting(f -> f.ruleId()).contains("MCP-FS-002"));
    }

    @Test
    void guardSeesTheServerDeclarationReferencesAndProfile() {
        start("--spring.profiles.active=prod", "--spring.ai.mcp.server.name=notes",
                "--mcp-secrets.policy.read-only=true", "--mcp-secrets.policy.read-roots=" + project).close();
        PolicyContext seen = RecordingPolicyCheck.LAST.get();
        assertThat(seen.profile()).isEqualTo(Profile.PRODUCTION);
        SelfDeclaration self = seen.self().orElseThrow();
        assertThat(self.serverName()).isEqualTo("notes");
        assertThat(self.readOnly()).isTrue();
        assertThat(self.readRoots()).containsExactly(project);
        assertThat(self.secretReferences()).containsExactly(Map.entry("github.token", "env:TOKEN_VAR"));
    }

    @Test
    void disabledGuardDoesNotRun() throws IOException {
        brokenProjectConfig();
        TestApplication.run(Map.of(), "--mcp-secrets.policy.enabled=false",
                "--mcp-secrets.policy.project-directory=" + project).close();
        assertThat(RecordingPolicyCheck.LAST.get()).isNull();
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--mcp-secrets.policy.enabled=true",
                "--mcp-secrets.policy.home=" + home, "--mcp-secrets.policy.project-directory=" + project,
                "--github.token=secret:env:TOKEN_VAR"));
        args.addAll(List.of(extra));
        return TestApplication.run(Map.of("TOKEN_VAR", TOKEN), args.toArray(String[]::new));
    }

    private void brokenProjectConfig() throws IOException {
        Files.writeString(project.resolve(".mcp.json"), "{\"mcpServers\": {\"x\": ");
    }
}
