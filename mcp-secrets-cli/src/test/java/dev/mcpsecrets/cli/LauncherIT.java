package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher script and the packaged jar, as a user runs them. */
class LauncherIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();

    @Test
    void getDoesNotPrintTheValue() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "get", "env:FOO_TOKEN"), Map.of("FOO_TOKEN", "s3cr3t-value"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain("s3cr3t-value");
        assertThat(run.out()).contains("mcp-env");
    }

    @Test
    void revealPrintsExactlyTheValue() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "env:FOO_TOKEN"),
                Map.of("FOO_TOKEN", "s3cr3t-value"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("s3cr3t-value");
    }

    @Test
    void badReferenceExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "get", "nope:x"), Map.of());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        // a malformed reference may be a pasted value: described, not quoted
        assertThat(run.err()).contains("unknown scheme").contains("known schemes").doesNotContain("nope:x")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void auditOfTheExampleConfigsFromThePackagedJar() throws Exception {
        String insecure = ProcessRun.REPO_ROOT.resolve("examples/configs/insecure.mcp.json").toString();
        String fixed = ProcessRun.REPO_ROOT.resolve("examples/configs/fixed.mcp.json").toString();
        ProcessRun bad = ProcessRun.of(List.of(LAUNCHER, "audit", insecure), Map.of());
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(1);
        assertThat(bad.out()).contains("MCP-SEC-001").contains("MCP-FS-001").contains("MCP-CMD-001")
                .doesNotContain("ghp_FAKEfake0123456789");
        ProcessRun good = ProcessRun.of(List.of(LAUNCHER, "audit", fixed), Map.of());
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
    }

    @Test
    void versionAnswers() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "--version"), Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mcp-secrets 0.");
    }
}
