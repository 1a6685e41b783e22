package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code usages --value-stdin} reads the value as {@code dotenv set} does: everything to end of input (one
 * trailing line end dropped), strict UTF-8, at most 1 MiB; the value never reaches the output.
 */
class UsagesValueStdinTest {
    private static final String FIRST_LINE = "PLANTEDUSAGESPEMAAAA-first-line";
    private static final String MULTI_LINE = FIRST_LINE + "\nPLANTEDUSAGESPEMBBBB-second-line";

    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    /** {@code one} holds the value's first line only, {@code both} the whole two-line value. */
    private Path config() throws Exception {
        return Files.writeString(tmp.resolve("claude.json"), """
                {"mcpServers": {
                  "one": {"command": "srv", "env": {"KEY": "%s"}},
                  "both": {"command": "srv", "env": {"KEY": "%s"}}
                }}
                """.formatted(FIRST_LINE, MULTI_LINE.replace("\n", "\\n")));
    }

    private static void assertNoPlantedText(CliRun run) {
        assertThat(run.out() + run.err()).doesNotContain("PLANTED").doesNotContain("first-line")
                .doesNotContain("second-line");
    }

    @Test
    void aMultiLineValueIsSearchedWholeNotByItsFirstLine() throws Exception {
        CliRun run = DotenvSetInputTest.withStdin((MULTI_LINE + "\n").getBytes(StandardCharsets.UTF_8), env(),
                "usages", "--value-stdin", config().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("server both  env KEY").doesNotContain("server one").contains("1 place holds");
        assertNoPlantedText(run);
    }

    @Test
    void onlyOneTrailingLineEndIsDropped() throws Exception {
        CliRun run = DotenvSetInputTest.withStdin((FIRST_LINE + "\r\n").getBytes(StandardCharsets.UTF_8), env(),
                "usages", "--value-stdin", config().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("server one  env KEY").contains("server both  env KEY");
        assertNoPlantedText(run);
    }

    @Test
    void invalidUtf8IsRefusedNamingTheOffsetNeverReplacedAndSearched() throws Exception {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        stdin.writeBytes(FIRST_LINE.getBytes(StandardCharsets.UTF_8));
        stdin.write(0xFF);

        CliRun run = DotenvSetInputTest.withStdin(stdin.toByteArray(), env(), "usages", "--value-stdin",
                config().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not valid UTF-8 (byte offset " + FIRST_LINE.length() + "); nothing searched");
        assertThat(run.out()).doesNotContain("server");
        assertNoPlantedText(run);
    }

    @Test
    void aValueOverTheSizeCapIsRefusedAsDotenvSetRefusesIt() throws Exception {
        byte[] big = new byte[PipedValue.MAX_BYTES + 2];
        Arrays.fill(big, (byte) 'P');

        CliRun run = DotenvSetInputTest.withStdin(big, env(), "usages", "--value-stdin", config().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the value on stdin is larger than 1 MiB; nothing searched")
                .doesNotContain("PPPPPPPP");
    }
}
