package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command on the module path: every module descriptor of the reactor (api, dotenv, keychain,
 * onepassword, pass, aws, policy, cli) must resolve, and providers must be found through {@code provides … with}
 * rather than META-INF/services. The other tests run on the class path.
 */
class ModulePathIT {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static String modulePath() throws Exception {
        String runtime = Files.readString(Path.of("target/runtime-classpath.txt"), StandardCharsets.UTF_8).strip();
        return Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator + runtime;
    }

    @Test
    void providersAreDiscoveredThroughModuleDescriptors() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(JAVA, "-p", modulePath(), "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.mcpsecrets.cli/dev.mcpsecrets.cli.Main", "providers"), Map.of());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("mcp-env", "mcp-file", "mcp-dotenv", "mcp-keychain", "mcp-op-cli",
                "mcp-op-connect", "mcp-pass", "mcp-vault", "mcp-aws-sm", "9 providers");
    }

    @Test
    void aSecretResolvesAndAuditRunsOnTheModulePath() throws Exception {
        ProcessRun get = ProcessRun.of(List.of(JAVA, "-p", modulePath(), "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.mcpsecrets.cli/dev.mcpsecrets.cli.Main", "get", "--reveal", "env:MODULE_PATH_TOKEN"),
                Map.of("MODULE_PATH_TOKEN", "module-path-value"));
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("module-path-value");
        Path insecure = ProcessRun.REPO_ROOT.resolve("examples/configs/insecure.mcp.json");
        ProcessRun audit = ProcessRun.of(List.of(JAVA, "-p", modulePath(), "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.mcpsecrets.cli/dev.mcpsecrets.cli.Main", "audit", insecure.toString()), Map.of());
        assertThat(audit.exitCode()).as(audit.err()).isEqualTo(1);
        assertThat(audit.out()).contains("MCP-SEC-001");
    }
}
