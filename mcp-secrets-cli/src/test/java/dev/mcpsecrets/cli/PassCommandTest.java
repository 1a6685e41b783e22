package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcp-secrets pass} and {@code pass:} references on a machine without pass or gpg: one line with the
 * reason, never the value or the entry argument in an error. Real stores are covered by {@link PassCommandIT}.
 */
class PassCommandTest {
    private static final String VALUE = "piped-pass-s3cret";
    private final InputStream originalIn = System.in;

    @TempDir
    Path tmp;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    private Map<String, String> noTools() {
        return Map.of("PATH", tmp.resolve("empty-bin").toString(), "HOME", tmp.toString());
    }

    @Test
    void setWithoutAStoreExitsOneWithTheReason() {
        System.setIn(new ByteArrayInputStream((VALUE + "\n").getBytes(StandardCharsets.UTF_8)));
        CliRun run = CliRun.of(noTools(), "pass", "set", "mcp/token");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("UNAVAILABLE").contains("pass init").doesNotContain(VALUE);
    }

    @Test
    void aBadEntryNameExitsTwoWithoutRepeatingIt() {
        System.setIn(new ByteArrayInputStream(VALUE.getBytes(StandardCharsets.UTF_8)));
        CliRun run = CliRun.of(noTools(), "pass", "set", "../ghp_pastedTokenXyz");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MALFORMED").contains("'..'").doesNotContain("ghp_pastedTokenXyz")
                .doesNotContain(VALUE);
    }

    @Test
    void aPipedValueOverOneMebibyteIsRefusedBeforePassRuns() throws Exception {
        Files.createDirectories(tmp.resolve(".password-store"));
        Files.writeString(tmp.resolve(".password-store/.gpg-id"), "someone@example.org\n");
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        System.setIn(new ByteArrayInputStream(big));
        CliRun run = CliRun.of(noTools(), "pass", "set", "mcp/token");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("larger than 1 MiB").doesNotContain("UNAVAILABLE");
    }

    @Test
    void theValueIsNeverAcceptedAsAnArgument() {
        CliRun run = CliRun.of(noTools(), "pass", "set", "mcp/token", VALUE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("stored");
    }

    @Test
    void getWithoutGpgSaysWhatToInstall() {
        CliRun run = CliRun.of(noTools(), "get", "pass:mcp/token");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pass:mcp/token").contains("UNAVAILABLE").contains("gpg is not on PATH");
    }

    @Test
    void doctorReportsThePassProviderAndWhyNot() {
        CliRun run = CliRun.of(noTools(), "doctor");
        assertThat(run.out()).containsPattern("mcp-pass\\s+UNAVAILABLE\\s+gpg is not on PATH");
    }
}
