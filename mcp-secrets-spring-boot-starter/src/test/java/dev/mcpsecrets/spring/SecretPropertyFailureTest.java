package dev.mcpsecrets.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SecretPropertyFailureTest {
    private static final String RESOLVABLE = "ghp_MustNeverBeShown0123456789";

    @Test
    void missingSecretStopsStartupNamingPropertyOriginAndReferenceButNoValue(CapturedOutput output) {
        assertThatThrownBy(() -> TestApplication.run(Map.of("TOKEN_VAR", RESOLVABLE),
                "--spring.config.name=missing-ref", "--other.token=secret:env:TOKEN_VAR"))
                .isInstanceOfSatisfying(SecretPropertyException.class, e -> {
                    assertThat(e.failures()).singleElement().satisfies(f -> {
                        assertThat(f.property()).isEqualTo("github.token");
                        assertThat(f.reference()).isEqualTo("env:NOT_SET_ANYWHERE");
                        assertThat(f.reason()).isEqualTo(Reason.NOT_FOUND);
                        assertThat(f.origin()).contains("missing-ref.yml").contains("2:");
                    });
                });
        // Spring Boot's failure report, from our analyzer
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("github.token (class path resource [missing-ref.yml] - 2:")
                .contains("env:NOT_SET_ANYWHERE: NOT_FOUND")
                .contains("Create the secret the reference names, or correct the reference.")
                .doesNotContain(RESOLVABLE);
    }

    @Test
    void everyFailingPropertyIsListed() {
        assertThatThrownBy(() -> TestApplication.run(Map.of(),
                "--a.token=secret:env:MISSING_A", "--b.token=secret:env:MISSING_B || file:/nonexistent/b"))
                .isInstanceOfSatisfying(SecretPropertyException.class, e -> assertThat(e.failures())
                        .extracting(SecretPropertyException.Failure::property)
                        .containsExactlyInAnyOrder("a.token", "b.token"))
                .hasMessageContaining("env:MISSING_B || file:/nonexistent/b");
    }

    @Test
    void malformedReferenceFailsBeforeAnyBackendIsAsked(CapturedOutput output) {
        assertThatThrownBy(() -> TestApplication.run(Map.of("TOKEN_VAR", RESOLVABLE),
                "--github.token=secret:nosuchscheme:x", "--other.token=secret:env:TOKEN_VAR"))
                .isInstanceOfSatisfying(SecretPropertyException.class, e -> assertThat(e.failures())
                        .singleElement().satisfies(f -> {
                            assertThat(f.property()).isEqualTo("github.token");
                            assertThat(f.reason()).isEqualTo(Reason.MALFORMED);
                            assertThat(f.origin()).contains("commandLineArgs");
                        }));
        assertThat(output.getAll()).contains("Write the value as secret:<scheme>:<body>")
                .doesNotContain(RESOLVABLE);
    }

    @Test
    void malformedReferenceIsNamedByPropertyAndPositionNeverEchoed(CapturedOutput output) {
        String planted = "PLANTEDSPRINGREFQ7W2ER";
        assertThatThrownBy(() -> TestApplication.run(Map.of("TOKEN_VAR", RESOLVABLE),
                "--github.token=secret:nosuchscheme:" + planted, "--other.token=secret:env:TOKEN_VAR"))
                .isInstanceOfSatisfying(SecretPropertyException.class, e -> {
                    assertThat(e.failures()).singleElement().satisfies(f -> {
                        assertThat(f.property()).isEqualTo("github.token");
                        assertThat(f.reference()).isEqualTo("(" + ("nosuchscheme:" + planted).length()
                                + " characters, not shown)");
                        assertThat(f.detail()).contains("at column 1").doesNotContain(planted);
                    });
                    assertThat(e.getMessage()).contains("github.token").doesNotContain(planted)
                            .doesNotContain("nosuchscheme");
                });
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains("github.token")
                .doesNotContain(planted).doesNotContain("nosuchscheme").doesNotContain(RESOLVABLE);
    }

    @Test
    void aPastedUrlWithCredentialsWhereAReferenceBelongsIsNotEchoed(CapturedOutput output) {
        String planted = "PLANTEDSPRINGURLZ3X4CV";
        assertThatThrownBy(() -> TestApplication.run(Map.of(),
                "--github.token=secret:https://x-access-token:" + planted + "@github.com/o/r"))
                .isInstanceOfSatisfying(SecretPropertyException.class, e -> assertThat(e.getMessage())
                        .contains("github.token").doesNotContain(planted));
        assertThat(output.getAll()).contains("github.token").doesNotContain(planted).doesNotContain("x-access-token");
    }

    @Test
    void resolvedValueThatFailsConversionIsNotShownByTheBindFailureReport(CapturedOutput output) {
        assertThatThrownBy(() -> TestApplication.run(Map.of("MODE_VAR", "not-a-mode-" + RESOLVABLE),
                "--spring.main.banner-mode=secret:env:MODE_VAR"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Failed to bind the resolved secret of property 'spring.main.banner-mode'")
                .doesNotContain(RESOLVABLE);
    }

    @Test
    void invalidTimeoutIsReportedWithThePropertyAndTheReason(CapturedOutput output) {
        assertThatThrownBy(() -> TestApplication.run(Map.of("TOKEN_VAR", RESOLVABLE),
                "--github.token=secret:env:TOKEN_VAR", "--mcp-secrets.timeout=soon"))
                .hasMessageContaining("mcp-secrets.timeout");
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'soon' for configuration property 'mcp-secrets.timeout'")
                .contains("it must be a positive duration such as 10s or PT10S")
                .doesNotContain(RESOLVABLE);
    }

    @Test
    void successfulStartWithDebugLoggingNeverLogsAValue(CapturedOutput output) {
        TestApplication.run(Map.of("TOKEN_VAR", RESOLVABLE), "--github.token=secret:env:TOKEN_VAR",
                "--logging.level.dev.mcpsecrets=TRACE", "--logging.level.org.springframework.core.env=DEBUG",
                "--logging.level.org.springframework.boot.context=DEBUG").close();
        assertThat(output.getAll()).contains("Resolved 1 secret references").contains("github.token")
                .doesNotContain(RESOLVABLE);
    }
}
