package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text given where a reference, name or option was expected may be a pasted secret: it is never echoed. */
class EchoLeakTest {
    private static final String PLANTED = "PLANTED-7f3a9c";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp, "A", "a-value");
    }

    private static void assertNotEchoed(CliRun run) {
        assertThat(run.out()).doesNotContain(PLANTED);
        assertThat(run.err()).doesNotContain(PLANTED).isNotBlank();
    }

    @Test
    void urlWithCredentialsGivenToGetIsNotEchoed() {
        CliRun run = CliRun.of(env(), "get", "https://x-access-token:" + PLANTED + "@github.com");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("not shown").contains("known schemes: ").contains("env").contains("keychain");
    }

    @Test
    void userColonPasswordIsNotEchoedNorItsWouldBeScheme() {
        CliRun run = CliRun.of(env(), "get", "admin:" + PLANTED);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).doesNotContain("admin").contains("unknown scheme");
    }

    @Test
    void bareTokenAsSecondAlternativeIsNotEchoedAndTheAlternativeIsNamed() {
        CliRun run = CliRun.of(env(), "get", "env:A || " + PLANTED);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("alternative 2 of 2");
    }

    @Test
    void valueAfterAKnownSchemeThatTheProviderRejectsIsNotEchoed() {
        CliRun run = CliRun.of(env(), "get", "env:postgresql://app:" + PLANTED + "@db/app");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("'env:'").contains("not an environment variable name");
    }

    @Test
    void badDotenvKeyIsNotEchoed() {
        CliRun run = CliRun.of(env(), "get", "dotenv:" + PLANTED + " with spaces");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
    }

    @Test
    void runEnvWithAUserPasswordPairNamesTheVariableOnly() {
        CliRun run = CliRun.of(env(), "run", "--env", "DB_PASSWORD=admin:" + PLANTED, "--", "true");
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertNotEchoed(run);
        assertThat(run.err()).contains("DB_PASSWORD");
    }

    @Test
    void realDotenvFileGivenAsEnvFileIsNotEchoed() throws Exception {
        Path real = Files.writeString(tmp.resolve("real.env"),
                "# production\nDATABASE_URL=postgresql://app:" + PLANTED + "@db.internal/app\n");
        CliRun run = CliRun.of(env(), "run", "--env-file", real.toString(), "--", "true");
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertNotEchoed(run);
        assertThat(run.err()).contains("DATABASE_URL");
    }

    @Test
    void valueGivenAsAnExtraArgumentToKeychainSetIsNamedByPosition() {
        CliRun run = CliRun.of(env(), "keychain", "set", "rt/x", PLANTED);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("argument 4");
    }

    @Test
    void keychainItemWithAControlCharacterIsNotEchoed() {
        CliRun run = CliRun.of(env(), "keychain", "delete", PLANTED + "\u0007");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
    }

    @Test
    void extraArgumentToGetIsNamedByPosition() {
        CliRun run = CliRun.of(env(), "get", "env:A", PLANTED);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("argument 3");
    }

    @Test
    void unknownOptionWithAnAttachedValueIsNotEchoed() {
        CliRun run = CliRun.of(env(), "run", "--pat=" + PLANTED, "--", "true");
        assertThat(run.exitCode()).isEqualTo(RunCommand.FAILED_BEFORE_START);
        assertNotEchoed(run);
        CliRun get = CliRun.of(env(), "get", "-k" + PLANTED, "env:A");
        assertThat(get.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(get);
    }

    @Test
    void optionValueThatDoesNotConvertIsNamedByPosition() {
        CliRun run = CliRun.of(env(), "get", "--timeout", PLANTED, "env:A");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(run);
        assertThat(run.err()).contains("--timeout").contains("argument 3");
        CliRun attached = CliRun.of(env(), "get", "--timeout=" + PLANTED, "env:A");
        assertThat(attached.exitCode()).isEqualTo(Main.USAGE);
        assertNotEchoed(attached);
    }

    @Test
    void atFileIsNotSplicedIntoArguments() throws Exception {
        Path file = Files.writeString(tmp.resolve("secret.txt"), "env:A " + PLANTED + "\n");
        CliRun run = CliRun.of(env(), "get", "@" + file);
        assertNotEchoed(run);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void badOptionValuesAreNotEchoed() {
        for (String[] args : new String[][] {
            {"audit", "--format", PLANTED, tmpPath()},
            {"audit", "--fail-on", PLANTED, tmpPath()},
            {"get", "--profile", "admin:" + PLANTED, "env:A"},
            {"audit", "--live", "--github-api-url", "x-access-token:" + PLANTED + "@github.com", tmpPath()},
            {"audit", "--live", "--github-api-url", "http://api.example.com/" + PLANTED, tmpPath()},
            {"dotenv", "set", "GITHUB_TOKEN=" + PLANTED, "--file", tmpPath() + "/x.env"},
            {"help", PLANTED},
        }) {
            CliRun run = CliRun.of(env(), args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Main.USAGE);
            assertThat(run.out()).as(String.join(" ", args)).doesNotContain(PLANTED);
            assertThat(run.err()).as(String.join(" ", args)).doesNotContain(PLANTED).isNotBlank();
        }
    }

    private String tmpPath() {
        return tmp.toString();
    }

    @Test
    void wellFormedReferenceIsStillNamed() {
        CliRun run = CliRun.of(env(), "get", "env:NOT_SET_HERE");
        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("env:NOT_SET_HERE").contains("NOT_FOUND");
    }

    @Property(tries = 150)
    void textWithAColonThatIsNoReferenceIsNeverEchoed(@ForAll @StringLength(max = 20) String before,
            @ForAll @StringLength(max = 20) String after) {
        // 'h' starts no known scheme, so the text is malformed whatever the generated parts hold
        String text = "h" + before + ":" + PLANTED + after;
        CliRun run = CliRun.of(TestEnvironment.of(null), "get", text);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
    }
}
