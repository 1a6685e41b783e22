package dev.mcpsecrets.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class SecretPropertyResolutionTest {
    private static final String TOKEN = "ghp_ResolvedTokenValue0123456789";

    @Test
    void commandLineReferenceIsResolvedAndBound() {
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN),
                "--github.token=secret:env:TOKEN_VAR")) {
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo(TOKEN);
            assertThat(ctx.getBean(TestApplication.GitHubSettings.class).token()).isEqualTo(TOKEN);
        }
    }

    @Test
    void yamlReferenceAndPlaceholderUsingItAreResolved() {
        // application.yml (test resources) sets github.api-url and github.auth-header: Bearer ${github.token}
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN),
                "--spring.config.name=resolution")) {
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo(TOKEN);
            assertThat(ctx.getEnvironment().getProperty("github.auth-header")).isEqualTo("Bearer " + TOKEN);
            assertThat(ctx.getEnvironment().getProperty("github.api-url")).isEqualTo("https://api.github.test");
        }
    }

    @Test
    void fallbackAlternativeIsUsedWhenTheFirstIsMissing() {
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN),
                "--github.token=secret:env:NOT_SET_ANYWHERE || env:TOKEN_VAR")) {
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo(TOKEN);
        }
    }

    @Test
    void environmentVariableHoldingAReferenceBindsByRelaxedName() {
        try (ConfigurableApplicationContext ctx = TestApplication.run(
                Map.of("GITHUB_TOKEN", "secret:env:REAL_TOKEN", "REAL_TOKEN", TOKEN))) {
            assertThat(ctx.getBean(TestApplication.GitHubSettings.class).token()).isEqualTo(TOKEN);
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo(TOKEN);
        }
    }

    @Test
    void fileReferencesResolveInOneBatchWithOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("db_password");
        Files.writeString(file, "s3cret-db-password\n");
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN),
                "--github.token=secret:env:TOKEN_VAR", "--db.password=secret:file:" + file)) {
            assertThat(ctx.getEnvironment().getProperty("db.password")).isEqualTo("s3cret-db-password");
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo(TOKEN);
        }
    }

    @Test
    void plainValueOfHigherPrecedenceWinsAndTheReferenceIsNeverResolved() {
        // the reference names a variable that does not exist: resolving it would fail startup
        try (ConfigurableApplicationContext ctx = TestApplication.run(
                Map.of("GITHUB_TOKEN", "plain-from-environment"), "--spring.config.name=missing-ref")) {
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo("plain-from-environment");
        }
    }

    @Test
    void disabledLeavesValuesAsWrittenAndMakesNoBean() {
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN),
                "--github.token=secret:env:TOKEN_VAR", "--mcp-secrets.enabled=false")) {
            assertThat(ctx.getEnvironment().getProperty("github.token")).isEqualTo("secret:env:TOKEN_VAR");
            assertThat(ctx.getBeanNamesForType(Secrets.class)).isEmpty();
        }
    }

    @Test
    void secretsBeanResolvesWithTheApplicationsEnvironment() throws Exception {
        try (ConfigurableApplicationContext ctx = TestApplication.run(Map.of("TOKEN_VAR", TOKEN))) {
            Secret secret = ctx.getBean(Secrets.class).resolve("env:TOKEN_VAR");
            try {
                assertThat(secret.revealAsString()).isEqualTo(TOKEN);
            } finally {
                secret.destroy();
            }
        }
    }

    @Test
    void profileComesFromMcpSecretsProfileThenClaudeEnvThenSpringThenDevelopment() {
        assertThat(profileOf(Map.of("MCP_SECRETS_PROFILE", "stg", "CLAUDE_ENV", "prod"),
                "--spring.profiles.active=dev")).isEqualTo(Profile.STAGING);
        assertThat(profileOf(Map.of("CLAUDE_ENV", "prod"), "--spring.profiles.active=dev"))
                .isEqualTo(Profile.PRODUCTION);
        assertThat(profileOf(Map.of(), "--spring.profiles.active=staging,prod")).isEqualTo(Profile.STAGING);
        assertThat(profileOf(Map.of(), "--spring.profiles.active=cloud.aws,prod")).isEqualTo(Profile.PRODUCTION);
        assertThat(profileOf(Map.of())).isEqualTo(Profile.DEVELOPMENT);
    }

    private static Profile profileOf(Map<String, String> variables, String... args) {
        try (ConfigurableApplicationContext ctx = TestApplication.run(variables, args)) {
            return ctx.getBean(Secrets.class).profile();
        }
    }
}
