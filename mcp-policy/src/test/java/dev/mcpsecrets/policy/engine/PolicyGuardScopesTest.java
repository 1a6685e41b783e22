package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's one-liner judges the roots a server declares about itself: no client-config entry is
 * needed for a root of {@code /}, the home, {@code /etc} or a credential directory to refuse the start.
 */
class PolicyGuardScopesTest {
    @TempDir
    Path tmp;

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "~", "/etc", "~/.ssh", "~/.aws", "~/.gnupg"})
    void theOneLinerRefusesADeclaredRootOfTheSystemHomeOrCredentials(String root) {
        Path declared = root.startsWith("~") ? home().resolve(root.substring(1).replaceFirst("^/", "")) : Path.of(root);
        assertThatThrownBy(() -> PolicyGuard.enforce(SelfDeclaration.named("files-server").withReadOnly(true)
                .withRoots(List.of(declared), List.of())))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.report().findings())
                        .extracting(Finding::ruleId).containsAnyOf("MCP-FS-001", "MCP-FS-002", "MCP-FS-003"));
    }

    @Test
    void theOneLinerRefusesTheHomeWrittenAsTilde() {
        assertThatThrownBy(() -> PolicyGuard.enforce(SelfDeclaration.named("files-server").withReadOnly(true)
                .withRoots(List.of(Path.of("~")), List.of())))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.report().findings())
                        .extracting(Finding::ruleId).contains("MCP-FS-002"));
    }

    @Test
    void theOneLinerStartsWithADeclaredProjectDirectory() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("projects/my-app"));
        PolicyReport report = PolicyGuard.enforce(SelfDeclaration.named("files-server").withReadOnly(true)
                .withRoots(List.of(project), List.of()));
        assertThat(report.atOrAbove(Severity.HIGH)).isEmpty();
        assertThat(report.checks()).filteredOn(c -> c.checkId().equals("MCP-GIT-002"))
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CheckRun.Status.SKIPPED));
    }

    @Test
    void aReadOnlyServerDeclaringWriteRootsIsRefused() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("projects/my-app"));
        assertThatThrownBy(() -> PolicyGuard.enforce(SelfDeclaration.named("files-server").withReadOnly(true)
                .withRoots(List.of(project), List.of(project))))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.report().findings())
                        .extracting(Finding::ruleId).contains("MCP-FS-006"));
    }

    @Test
    void declaredDatabaseEndpointAndSettingsAreJudged() {
        String token = "ghp_" + "Declared0Token0Value0123456789abcdef";
        SelfDeclaration self = SelfDeclaration.named("db-server").withReadOnly(true)
                .withDatabase("postgresql://db.internal:5432/app?sslmode=disable", "postgres")
                .withEndpoints(List.of("http://api.example.com/v1", "http://127.0.0.1:8080/"))
                .withSettings(Map.of("github.token", token))
                .withSecretReferences(Map.of("API_KEY", "keychain:db-server/api"));
        assertThatThrownBy(() -> PolicyGuard.enforce(self))
                .isInstanceOfSatisfying(PolicyViolationException.class, e -> {
                    assertThat(e.report().findings()).extracting(Finding::ruleId)
                            .contains("MCP-DB-001", "MCP-NET-001", "MCP-NET-002", "MCP-SEC-001");
                    assertThat(e.report().findings()).filteredOn(f -> f.ruleId().equals("MCP-NET-001"))
                            .singleElement().satisfies(f -> assertThat(f.message()).contains("api.example.com"));
                    assertThat(e.report().findings()).allSatisfy(f -> {
                        assertThat(f.location().file()).isNull();
                        assertThat(f.location().jsonPointer()).startsWith("/self/");
                    });
                    assertThat(e.getMessage()).doesNotContain(token);
                    assertThat(e.report().findings()).allSatisfy(f -> assertThat(f.message() + f.remediation())
                            .doesNotContain(token));
                });
    }

    @Test
    void aWellDeclaredDatabaseServerStarts() {
        SelfDeclaration self = SelfDeclaration.named("db-server").withReadOnly(true)
                .withDatabase("postgresql://db.internal:5432/app?sslmode=verify-full", "app_reader")
                .withEndpoints(List.of("https://api.example.com/v1"))
                .withSecretReferences(Map.of("DATABASE_PASSWORD", "keychain:db-server/password || env:DB_PASSWORD"));
        assertThat(PolicyGuard.enforce(self).atOrAbove(Severity.HIGH)).isEmpty();
    }
}
