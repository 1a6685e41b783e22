package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileTest {
    @Test
    void aliasesMapToTheStandardProfiles() {
        assertThat(Profile.of("dev")).isSameAs(Profile.DEVELOPMENT);
        assertThat(Profile.of("STG")).isSameAs(Profile.STAGING);
        assertThat(Profile.of("prod")).isSameAs(Profile.PRODUCTION);
        assertThat(Profile.of(" Production ")).isSameAs(Profile.PRODUCTION);
        assertThat(Profile.of("test").name()).isEqualTo("test");
        assertThat(Profile.of("test").isProduction()).isFalse();
    }

    @Test
    void environmentOrderIsMcpSecretsProfileThenClaudeEnvThenFrameworkThenDevelopment() {
        assertThat(Profile.fromEnvironment(Map.of("MCP_SECRETS_PROFILE", "prod", "CLAUDE_ENV", "staging"), "dev"))
                .isEqualTo(Profile.PRODUCTION);
        assertThat(Profile.fromEnvironment(Map.of("CLAUDE_ENV", "staging"), "prod")).isEqualTo(Profile.STAGING);
        assertThat(Profile.fromEnvironment(Map.of("CLAUDE_ENV", " "), "prod")).isEqualTo(Profile.PRODUCTION);
        assertThat(Profile.fromEnvironment(Map.of(), null)).isEqualTo(Profile.DEVELOPMENT);
    }

    @Test
    void invalidNamesAreRejectedClearly() {
        assertThatThrownBy(() -> Profile.of("../etc")).hasMessageContaining("invalid profile name")
                .hasMessageNotContaining("../etc");
        assertThatThrownBy(() -> Profile.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
