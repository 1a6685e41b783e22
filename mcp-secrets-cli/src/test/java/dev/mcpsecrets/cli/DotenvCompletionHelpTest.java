package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DotenvCompletionHelpTest {
    @TempDir
    Path tmp;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp);
    }

    private static CliRun withStdin(String stdin, Map<String, String> env, String... args) {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return CliRun.of(env, args);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void dotenvSetReadsTheValueFromStdinAndWritesAPrivateFileTheProviderReads() throws Exception {
        CliRun set = withStdin("s3cr3t value\n", env(), "dotenv", "set", "API_KEY");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("set API_KEY").contains("12 characters").doesNotContain("s3cr3t");
        Path file = tmp.resolve("home/.config/mcp-secrets/.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Map<String, String> env = env();
        env.put("MCP_SECRETS_DOTENV_DIR", file.getParent().toString());
        CliRun get = CliRun.of(env, "get", "--reveal", "dotenv:API_KEY");
        assertThat(get.out()).as(get.err()).isEqualTo("s3cr3t value");

        CliRun remove = CliRun.of(env(), "dotenv", "remove", "API_KEY");
        assertThat(remove.exitCode()).isZero();
        assertThat(Files.readString(file)).doesNotContain("API_KEY");
    }

    @Test
    void dotenvSetKeepsOtherLinesAndRefusesBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve(".env"), "# keep me\nOTHER=1\n");
        assertThat(withStdin("v2\n", env(), "dotenv", "set", "NEW", "--file", file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).startsWith("# keep me\nOTHER=1\n").contains("NEW=v2");
        assertThat(withStdin("\n", env(), "dotenv", "set", "EMPTY", "--file", file.toString()).exitCode()).isEqualTo(2);
        assertThat(withStdin("x\n", env(), "dotenv", "set", "bad key", "--file", file.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void completionScriptCoversTheSubcommands() {
        CliRun run = CliRun.of(env(), "completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("run").contains("audit").contains("--fail-on")
                .contains("dotenv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "get", "providers", "run", "trust", "audit", "doctor", "usages", "dotenv", "dotenv set",
        "dotenv remove", "completion"})
    void helpShowsExamples(String command) {
        CommandLine cmd = new CommandLine(new Main(), new CliFactory(env()));
        Main.subcommands().forEach(cmd::addSubcommand);
        for (String name : command.isEmpty() ? new String[0] : command.split(" ")) {
            cmd = cmd.getSubcommands().get(name);
        }
        StringWriter help = new StringWriter();
        cmd.usage(new PrintWriter(help));
        assertThat(help.toString()).contains("Usage: mcp-secrets").contains("Example");
    }
}
