package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format}, {@code --fail-on} and {@code --profile} are typed: a wrong value is a usage error
 * that lists the accepted values and never repeats what was given (it may be a pasted secret).
 */
class TypedOptionsTest {
    /** Looks like a token and is no valid value of any of these options. */
    private static final String PASTED = "ghp_0123456789abcdefghijABCDEFGHIJ0123!";
    private static final Path FIXED = ProcessRun.REPO_ROOT.resolve("examples/configs/fixed.mcp.json");

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    private static void assertNotEchoed(CliRun run) {
        assertThat(run.err()).doesNotContain(PASTED).doesNotContain("ghp_").doesNotContain("0123456789abcdef");
        assertThat(run.out()).doesNotContain("ghp_");
    }

    @Test
    void aWrongFormatListsTheFormatsWithoutRepeatingTheValue() {
        CliRun run = CliRun.of(env(), "audit", "--format", PASTED, FIXED.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--format': expected one of text, json, sarif "
                + "(case-insensitive)");
        assertNotEchoed(run);
    }

    @Test
    void aWrongSeverityListsTheSeveritiesWithoutRepeatingTheValue() {
        CliRun run = CliRun.of(env(), "audit", "--fail-on", PASTED, FIXED.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("Invalid value for option '--fail-on': expected one of info, low, medium, "
                + "high, critical (case-insensitive)");
        assertNotEchoed(run);
    }

    @Test
    void aWrongProfileIsAUsageErrorInEveryCommandWithoutRepeatingTheValue() {
        String[][] commands = {
            {"audit", "--profile", PASTED, FIXED.toString()},
            {"get", "--profile", PASTED, "env:HOME"},
            {"doctor", "--profile", PASTED},
            {"providers", "--profile", PASTED},
            {"dotenv", "remove", "--profile", PASTED, "SOME_KEY"},
        };
        for (String[] args : commands) {
            CliRun run = CliRun.of(env(), args);
            assertThat(run.exitCode()).as(args[0]).isEqualTo(Main.USAGE);
            assertThat(run.err()).as(args[0]).contains("Invalid value for option '--profile': expected development, "
                    + "staging, production");
            assertNotEchoed(run);
        }
    }

    @Test
    void runRejectsWrongValuesBeforeStartingWithoutRepeatingThem() {
        CliRun failOn = CliRun.of(env(), "run", "--fail-on", PASTED, "--", "true");
        assertThat(failOn.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(failOn.err()).contains("Invalid value for option '--fail-on': expected one of info, low");
        assertNotEchoed(failOn);
        CliRun profile = CliRun.of(env(), "run", "--profile", PASTED, "--", "true");
        assertThat(profile.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertThat(profile.err()).contains("Invalid value for option '--profile'");
        assertNotEchoed(profile);
    }

    @Test
    void valuesAreCaseInsensitiveAndProfileAliasesWork() {
        CliRun run = CliRun.of(env(), "audit", "--format", "JSON", "--fail-on", "Critical", "--profile", "PROD",
                FIXED.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"profile\"").contains("production");
        CliRun providers = CliRun.of(env(), "providers", "--profile", "stg");
        assertThat(providers.out()).contains("profile: staging");
    }

    @Test
    void helpAndCompletionOfferTheAcceptedValues() {
        CliRun help = CliRun.of(env(), "audit", "--help");
        assertThat(help.out()).contains("text, json, sarif").contains("info, low, medium, high, critical")
                .contains("development, staging, production");
        CliRun completion = CliRun.of(env(), "completion");
        assertThat(completion.out()).contains("(\"text\" \"json\" \"sarif\") # --format values")
                .contains("(\"info\" \"low\" \"medium\" \"high\" \"critical\") # --fail-on values")
                .contains("(\"development\" \"staging\" \"production\") # --profile values");
    }
}
