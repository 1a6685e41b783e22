package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mcp-secrets run --redact} as a client sees it: a leaking child's streams, exit codes and signals. */
class RunRedactIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    /** Has what URL, JSON and base64 encoders each treat specially. */
    private static final String PLANTED = "PLANTED-s3cr3t value/with+chars=&\"quote";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    private record Result(int exitCode, byte[] out, String err) {
    }

    private Result run(String mode, String... runOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER, "run"));
        command.addAll(List.of(runOptions));
        command.addAll(List.of("--env", "T=env:SRC", "--", JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), RedactChild.class.getName()));
        command.addAll(List.of(mode.split(" ")));
        Path out = Files.createTempFile(tmp, "out", ".bin");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("SRC", PLANTED);
        pb.environment().put("MCP_SECRETS_NO_CDS", "1");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"one-write", "byte-by-byte", "url", "base64", "json"})
    void everyFormOfTheValueOnStderrIsMasked(String mode) throws Exception {
        Result plain = run(mode);
        assertThat(plain.err()).as("the child really leaks without --redact").containsAnyOf(leakedForms().toArray(new String[0]));

        Result redacted = run(mode, "--redact");
        assertThat(redacted.exitCode()).isZero();
        assertThat(redacted.err()).contains("<redacted:T>");
        assertNoForm(redacted.err());
        assertThat(redacted.err().lines().count()).isEqualTo(plain.err().lines().count());
    }

    @Test
    void stdoutOfAJsonRpcChildIsByteIdenticalUnlessAskedToMaskIt() throws Exception {
        Result plain = run("jsonrpc");
        Result redacted = run("jsonrpc", "--redact");
        StringBuilder expected = new StringBuilder();
        for (String line : RedactChild.JSON_RPC_LINES) {
            expected.append(line.replace("%s", RedactChild.jsonEscape(PLANTED)));
        }
        assertThat(plain.out()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(redacted.out()).isEqualTo(plain.out());
        assertThat(redacted.err()).contains("served <redacted:T>").doesNotContain(PLANTED);

        Result both = run("jsonrpc", "--redact-stdout");
        String out = new String(both.out(), StandardCharsets.UTF_8);
        assertNoForm(out);
        assertNoForm(both.err());
        String[] lines = out.split("\n", -1);
        assertThat(lines).hasSize(RedactChild.JSON_RPC_LINES.length);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            json.readTree(line); // each message is still one valid JSON text on its own line
        }
        assertThat(json.readTree(lines[1]).at("/result/content/0/text").asText()).isEqualTo("token is <redacted:T>, é ok");
        assertThat(json.readTree(lines[2]).at("/params/data").asText()).isEqualTo("<redacted:T>");
        assertThat(json.readTree(lines[2]).at("/params/n").asInt()).isEqualTo(12345678);
        assertThat(lines[0]).isEqualTo(RedactChild.JSON_RPC_LINES[0].strip());
        assertThat(lines[3]).isEqualTo(RedactChild.JSON_RPC_LINES[3]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 42})
    void exitCodesAreTheChildsWithAndWithoutRedact(int code) throws Exception {
        Result plain = run("exit " + code);
        Result redacted = run("exit " + code, "--redact");
        Result both = run("exit " + code, "--redact-stdout");
        assertThat(plain.exitCode()).isEqualTo(code);
        assertThat(redacted.exitCode()).isEqualTo(code);
        assertThat(both.exitCode()).isEqualTo(code);
        assertThat(redacted.err()).contains("failing with <redacted:T>");
        assertNoForm(redacted.err());
    }

    @ParameterizedTest
    @CsvSource({"TERM,", "INT,", "HUP,", "TERM,--redact", "INT,--redact", "HUP,--redact-stdout"})
    void signalsReachTheChildAsWithoutRedact(String signal, String option) throws Exception {
        Path err = tmp.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of(LAUNCHER, "run"));
        if (option != null) {
            command.add(option);
        }
        command.addAll(List.of("--env", "T=env:SRC", "--", "sh", "-c",
                "trap 'echo child-got-term \"$T\" >&2; exit 42' TERM; echo ready; while :; do sleep 0.05; done"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("MCP_SECRETS_NO_CDS", "1");
        pb.environment().put("SRC", PLANTED);
        Process p = pb.start();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(stdout.readLine()).isEqualTo("ready");
        if (RunProcessIT.ignoredAtStart(p.pid(), signal)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            Assumptions.abort(signal + " was ignored by the shell that started this build, so no process below it sees it");
        }
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor()).isZero();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("run exits after " + signal).isTrue();
        assertThat(p.exitValue()).isEqualTo(42);
        String printed = Files.readString(err);
        if (option == null) {
            assertThat(printed).contains("child-got-term " + PLANTED);
        } else {
            assertThat(printed).contains("child-got-term <redacted:T>").doesNotContain(PLANTED);
        }
        assertThat(p.descendants().count()).isZero();
    }

    /** The value as the child prints it: raw, URL-encoded, JSON-escaped, and every base64 window of 12. */
    private static List<String> leakedForms() {
        List<String> forms = new ArrayList<>();
        forms.add(PLANTED);
        forms.add(URLEncoder.encode(PLANTED, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(PLANTED, StandardCharsets.UTF_8).replace("+", "%20"));
        forms.add(RedactChild.jsonEscape(PLANTED));
        for (String prefix : new String[] {"", "u:", "ab:"}) {
            byte[] plain = (prefix + PLANTED + "\n").getBytes(StandardCharsets.UTF_8);
            for (String encoded : new String[] {Base64.getEncoder().encodeToString(plain),
                Base64.getUrlEncoder().encodeToString(plain)}) {
                // skip the characters that hold the prefix; what is left is made of the value
                for (int i = (prefix.length() * 8 + 5) / 6 + 1; i + 12 <= encoded.length() - 3; i++) {
                    forms.add(encoded.substring(i, i + 12));
                }
            }
        }
        return forms;
    }

    private static void assertNoForm(String printed) {
        for (String form : leakedForms()) {
            assertThat(printed).doesNotContain(form);
        }
    }
}
