package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GetCommandTest {
    private static final Map<String, String> ENV = Map.of("FOO_TOKEN", "s3cr3t-value");

    @Test
    void getReportsProviderAndLengthButNotTheValue() {
        CliRun run = CliRun.of(ENV, "get", "env:FOO_TOKEN");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mcp-env").contains("12 characters").doesNotContain("s3cr3t-value");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void revealPrintsExactlyTheValue() {
        CliRun run = CliRun.of(ENV, "get", "--reveal", "env:FOO_TOKEN");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("s3cr3t-value");
    }

    @Test
    void unknownSchemeExitsTwoWithOneLineListingTheKnownSchemes() {
        CliRun run = CliRun.of(ENV, "get", "nope:x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        // malformed text may be a pasted value: described by length, never quoted
        assertThat(run.err()).doesNotContain("nope").contains("unknown scheme").contains("known schemes: ")
                .doesNotContain("Exception");
    }

    @Test
    void missingVariableExitsOneWithReason() {
        CliRun run = CliRun.of(ENV, "get", "env:NOT_THERE");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("env:NOT_THERE").contains("NOT_FOUND");
    }

    @Test
    void fallbackChainUsesTheSecondAlternative() {
        CliRun run = CliRun.of(ENV, "get", "env:NOT_THERE || env:FOO_TOKEN");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("resolved env:FOO_TOKEN via mcp-env");
    }

    @Test
    void valuePastedInsteadOfReferenceIsNotEchoed() {
        CliRun run = CliRun.of(ENV, "get", "ghp_0123456789abcdefghijABCDEFGHIJ");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("ghp_0123456789").contains("not shown");
    }

    @Test
    void badProfileIsAUsageError() {
        CliRun run = CliRun.of(ENV, "get", "--profile", "no good", "env:FOO_TOKEN");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--profile'").doesNotContain("no good");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of(ENV, "get", "--bogus", "env:FOO_TOKEN");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void providersListsBuiltInsWithAvailability() {
        CliRun run = CliRun.of(ENV, "providers");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("mcp-env").contains("mcp-file").contains("available").contains("profile: development");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of(ENV, "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("mcp-secrets ").doesNotContain("${project.version}")
                .contains("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")");
    }

    @Property(tries = 100)
    void noValueEverPrintedWithoutReveal(@ForAll @StringLength(min = 6, max = 40) String value) {
        CliRun run = CliRun.of(Map.of("X_SECRET", value), "get", "env:X_SECRET");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(value);
    }
}
