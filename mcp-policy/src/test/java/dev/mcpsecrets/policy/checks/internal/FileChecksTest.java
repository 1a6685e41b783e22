package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.checks.dotenv.internal.EnvironmentSeparationCheck;

import static dev.mcpsecrets.policy.checks.internal.Harness.GITHUB;
import static dev.mcpsecrets.policy.checks.internal.Harness.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissions, shell rc files, environment separation and rotation, on a temporary home. */
class FileChecksTest {
    @TempDir
    Path root;
    private FileSystemView view;
    private Path secrets;

    @BeforeEach
    void setUp() throws IOException {
        view = Harness.view(root);
        secrets = view.home().resolve(".claude/secrets");
        Files.createDirectories(view.workingDirectory());
    }

    private PolicyContext context(McpConfigFile... configs) {
        return Harness.context(view, Map.of(), configs).build();
    }

    private void guideSecretsDir(String dirMode, String fileMode) throws IOException {
        write(secrets.resolve(".env"), "MYSQL_ROOT_PASSWORD=Zq8FAKEv2fake\nGITHUB_TOKEN=" + GITHUB + "\n", fileMode);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString(dirMode));
    }

    @Test
    void secretsDirectoryAndFileFollowTheGuideModes() throws IOException {
        guideSecretsDir("rwxr-xr-x", "rw-r--r--");
        assertThat(Harness.ruleIds(Harness.run(new FilePermissionCheck(), context())))
                .containsExactly("MCP-PERM-001", "MCP-PERM-002");
        guideSecretsDir("rwx------", "rw-------");
        assertThat(Harness.run(new FilePermissionCheck(), context())).isEmpty();
    }

    @Test
    void configIsReportedWhenWritableByOthersOrReadableWithPlaintextSecrets() throws IOException {
        Path cfg = view.home().resolve(".cursor/mcp.json");
        write(cfg, "{\"mcpServers\": {\"gh\": {\"command\": \"x\", \"env\": {\"GITHUB_TOKEN\": \"" + GITHUB + "\"}}}}",
                "rw-r--r--");
        List<Finding> loose = Harness.run(new FilePermissionCheck(), context(McpConfigReader.read(cfg)));
        assertThat(loose).singleElement().satisfies(f -> assertThat(f.remediation()).startsWith("chmod 600"));
        Harness.assertNoValue(loose, GITHUB);
        write(cfg, "{\"mcpServers\": {\"gh\": {\"command\": \"x\", \"env\": {\"GITHUB_TOKEN\": \"op://P/GitHub/token\"}}}}",
                "rw-r--r--");
        assertThat(Harness.run(new FilePermissionCheck(), context(McpConfigReader.read(cfg)))).isEmpty();
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(Harness.run(new FilePermissionCheck(), context(McpConfigReader.read(cfg))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("change it"));
    }

    @Test
    void shellRcLooserThan644IsReported() throws IOException {
        write(view.home().resolve(".zshrc"), "alias ll='ls -l'\n", "rw-rw-rw-");
        assertThat(Harness.ruleIds(Harness.run(new FilePermissionCheck(), context()))).containsExactly("MCP-PERM-003");
        Files.setPosixFilePermissions(view.home().resolve(".zshrc"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Harness.run(new FilePermissionCheck(), context())).isEmpty();
    }

    @Test
    void fileOwnedByAnotherUserIsReported() throws IOException {
        guideSecretsDir("rwx------", "rw-------");
        UserPrincipal nobody;
        try {
            nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(secrets.resolve(".env"), nobody);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("changing a file's owner needs root and a 'nobody' user: " + e.getMessage());
            return;
        }
        List<Finding> findings = Harness.run(new FilePermissionCheck(), context());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-PERM-004");
            assertThat(f.message()).contains("nobody");
        });
    }

    @Test
    void guideMethodOneRcFileWithRealLookingValuesIsReportedPerSecret() throws IOException {
        write(view.home().resolve(".zshrc"), """
                # データベース認証情報
                export MYSQL_ROOT_PASSWORD="Zq8FAKEv2fakeR7"
                export MYSQL_DATABASE="myapp_dev"
                export POSTGRES_CONNECTION_STRING="postgresql://user:pass@localhost/db"
                export GITHUB_TOKEN="%s"
                export SLACK_BOT_TOKEN="%s"
                export AWS_REGION="us-east-1"
                export GH_TOKEN="$(security find-generic-password -a $USER -s github_token -w)"
                """.formatted(GITHUB, Harness.SLACK), "rw-------");
        List<Finding> findings = Harness.run(new ShellRcCheck(), context());
        assertThat(findings).extracting(f -> f.location().line()).containsExactly(2, 4, 5, 6);
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-SHELL-001");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.remediation()).contains("mcp-secrets run --env");
        });
        assertThat(findings.get(2).message()).contains("GitHub token, 40 characters, hmac:");
        Harness.assertNoValue(findings, GITHUB, Harness.SLACK, "Zq8FAKEv2fakeR7");
    }

    @Test
    void guidePlaceholdersAreNotSecretsButItsConnectionStringPasswordIs() throws IOException {
        write(view.home().resolve(".bashrc"), """
                export MYSQL_ROOT_PASSWORD="secure_password_here"
                export POSTGRES_CONNECTION_STRING="postgresql://user:pass@localhost/db"
                export GITHUB_TOKEN="ghp_xxxxxxxxxxxx"
                export SLACK_BOT_TOKEN="xoxb-xxxxxxxxxxxx"
                export BRAVE_API_KEY="BSAxxxxxxxxxxxx"
                export OPENAI_API_KEY="sk-xxxxxxxxxxxx"
                export AWS_ACCESS_KEY_ID="AKIAxxxxxxxxxxxx"
                export AWS_SECRET_ACCESS_KEY="xxxxxxxxxxxx"
                """, "rw-------");
        List<Finding> findings = Harness.run(new ShellRcCheck(), context());
        assertThat(findings).extracting(f -> f.location().line()).containsExactly(1, 2);
    }

    @Test
    void exportingAWholeEnvFileIsReportedInBothGuideVariants() throws IOException {
        write(view.home().resolve(".zshrc"), """
                if [ -f ~/.claude/secrets/.env ]; then
                    export $(cat ~/.claude/secrets/.env | xargs)
                fi
                export CLAUDE_ENV=${CLAUDE_ENV:-development}
                if [ -f ~/.claude/secrets/.env.$CLAUDE_ENV ]; then
                    export $(cat ~/.claude/secrets/.env.$CLAUDE_ENV | xargs)
                fi
                """, "rw-r--r--");
        List<Finding> findings = Harness.run(new ShellRcCheck(), context());
        assertThat(findings).extracting(Finding::ruleId).containsExactly("MCP-SHELL-002", "MCP-SHELL-002");
        assertThat(findings).extracting(f -> f.location().line()).containsExactly(2, 6);
        assertThat(findings.get(0).remediation()).contains("dotenv:BRAVE_API_KEY");
    }

    private void guideEnvironments(String productionPassword) throws IOException {
        write(secrets.resolve(".env.development"), "MYSQL_HOST=127.0.0.1\nMYSQL_PORT=3306\nMYSQL_USER=dev_user\n"
                + "MYSQL_PASSWORD=dev_password\nMYSQL_DATABASE=myapp_dev\n", "rw-------");
        write(secrets.resolve(".env.staging"), "MYSQL_HOST=staging-db.example.com\nMYSQL_PORT=3306\n"
                + "MYSQL_USER=staging_user\nMYSQL_PASSWORD=staging_password\nMYSQL_DATABASE=myapp_staging\n", "rw-------");
        write(secrets.resolve(".env.production"), "MYSQL_HOST=prod-db.example.com\nMYSQL_PORT=3306\n"
                + "MYSQL_USER=prod_readonly  # 読み取り専用\nMYSQL_PASSWORD=" + productionPassword
                + "\nMYSQL_DATABASE=myapp_prod\n", "rw-------");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void guideLayoutHasPlaintextProductionButNoSharedCredential() throws IOException {
        guideEnvironments("prod_secure_password");
        List<Finding> findings = Harness.run(new EnvironmentSeparationCheck(), context());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-ENV-001");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.location().file()).isEqualTo(secrets.resolve(".env.production"));
        });
    }

    @Test
    void productionPasswordEqualToStagingIsReportedByKeyedHashAtItsLine() throws IOException {
        guideEnvironments("staging_password");
        List<Finding> findings = Harness.run(new EnvironmentSeparationCheck(), context());
        assertThat(Harness.ruleIds(findings)).containsExactly("MCP-ENV-001", "MCP-ENV-002");
        Finding shared = findings.stream().filter(f -> f.ruleId().equals("MCP-ENV-002")).findFirst().orElseThrow();
        assertThat(shared.location().line()).isEqualTo(4);
        assertThat(shared.message()).contains("MYSQL_PASSWORD").contains(".env.staging");
        Harness.assertNoValue(findings, "staging_password");
    }

    @Test
    void oldSecretFilesAreReportedAfterTheConfiguredAge() throws IOException {
        guideSecretsDir("rwx------", "rw-------");
        Path env = secrets.resolve(".env");
        Files.setLastModifiedTime(env, FileTime.from(Instant.now().minus(Duration.ofDays(200))));
        assertThat(Harness.run(new RotationCheck(), context())).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("200 days").contains("limit 90"));
        Files.setLastModifiedTime(env, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
        assertThat(Harness.run(new RotationCheck(), context())).isEmpty();
        PolicyContext strict = Harness.context(view, Map.of()).options(Map.of("rotation.maxAgeDays", "5")).build();
        assertThat(Harness.ruleIds(Harness.run(new RotationCheck(), strict))).containsExactly("MCP-ROT-001");
    }

    @Test
    void sameTokenInTwoConfigsIsOneFindingNamingBoth() throws IOException {
        Path a = view.home().resolve(".cursor/mcp.json");
        Path b = view.workingDirectory().resolve(".mcp.json");
        String entry = "{\"mcpServers\": {\"gh\": {\"command\": \"npx\", \"env\": {\"GITHUB_TOKEN\": \"%s\"}}}}";
        write(a, entry.formatted(GITHUB), "rw-------");
        write(b, entry.formatted(GITHUB), "rw-------");
        List<Finding> findings = Harness.run(new RotationCheck(), context(McpConfigReader.read(a), McpConfigReader.read(b)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("MCP-ROT-002");
            assertThat(f.message()).contains("~/.cursor/mcp.json").contains("~/app/.mcp.json");
        });
        write(b, entry.formatted(GITHUB.replace("012345", "543210")), "rw-------");
        assertThat(Harness.run(new RotationCheck(), context(McpConfigReader.read(a), McpConfigReader.read(b)))).isEmpty();
    }
}
