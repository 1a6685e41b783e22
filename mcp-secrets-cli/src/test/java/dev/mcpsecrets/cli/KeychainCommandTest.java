package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mcp-secrets keychain} on a machine without a keyring (no D-Bus session): every failure is one
 * line with the reason and the fix, and a value is never echoed. Writes to a real keyring are covered by
 * the keychain module's integration tests.
 */
class KeychainCommandTest {
    private static final Map<String, String> NO_BUS = Map.of("USER", "alice", "PATH", "/usr/bin:/bin");
    private static final String VALUE = "piped-s3cret-value";
    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    @Test
    void setWithoutSessionBusExitsOneWithOneLineSayingWhatToDo() {
        pipe(VALUE + "\n");
        CliRun run = CliRun.of(NO_BUS, "keychain", "set", "github-mcp/token");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot store the item (argument ITEM): HEADLESS")
                .contains("dbus-run-session").doesNotContain(VALUE).doesNotContain("Exception");
    }

    @Test
    void getWithoutSessionBusExitsOneWithOneLineSayingWhatToDo() {
        CliRun run = CliRun.of(NO_BUS, "get", "keychain:github-mcp-token");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("keychain:github-mcp-token").contains("HEADLESS")
                .contains("DBUS_SESSION_BUS_ADDRESS");
    }

    @Test
    void deleteWithoutSessionBusExitsOne() {
        CliRun run = CliRun.of(NO_BUS, "keychain", "delete", "github-mcp");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot delete the item (argument ITEM): HEADLESS");
    }

    @Test
    void valueIsNeverAcceptedAsAnArgument() {
        CliRun run = CliRun.of(NO_BUS, "keychain", "set", "github-mcp/token", VALUE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("stored");
    }

    @Test
    void malformedItemExitsTwo() {
        pipe(VALUE);
        CliRun run = CliRun.of(NO_BUS, "keychain", "set", "/token");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("service name is empty").doesNotContain(VALUE);
    }

    @Test
    void emptyStdinStoresNothing() {
        pipe("\n");
        CliRun run = CliRun.of(NO_BUS, "keychain", "set", "github-mcp/token");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("empty value");
    }

    @Test
    void invalidUtf8PipedToSetIsRefusedBeforeTheKeychainIsAsked() {
        System.setIn(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, '\n'}));
        CliRun run = CliRun.of(NO_BUS, "keychain", "set", "github-mcp/token");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not valid UTF-8").contains("byte offset 1").doesNotContain("HEADLESS");
    }

    @Test
    void missingSubcommandIsUsageError() {
        assertThat(CliRun.of(NO_BUS, "keychain").exitCode()).isEqualTo(2);
    }

    @Test
    void stdinLosesOneTrailingLineBreakOnly() {
        assertThat(read("tok\n")).isEqualTo("tok");
        assertThat(read("tok\r\n")).isEqualTo("tok");
        assertThat(read("tok\n\n")).isEqualTo("tok\n");
        assertThat(read("multi\nline")).isEqualTo("multi\nline");
        assertThat(read("p\u00e4ss-\u4e2d")).isEqualTo("p\u00e4ss-\u4e2d");
    }

    @Test
    void invalidUtf8OnStdinIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> ValueInput.piped(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff}),
                "nothing stored"))
                .isInstanceOf(CliException.class).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aValueOverThePipedValueCapIsRefusedNotReadIntoMemoryWithoutEnd() {
        java.io.InputStream endless = new java.io.InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return served > 64L * 1024 * 1024 ? -1 : 'P'; // far past the cap: a cap stops long before the end
            }
        };
        assertThatThrownBy(() -> ValueInput.piped(endless, "nothing stored")).isInstanceOf(CliException.class)
                .hasMessageContaining("larger than 1 MiB; nothing stored").hasMessageNotContaining("PPPP");
    }

    private static String read(String stdin) {
        return new String(ValueInput.piped(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                "nothing stored"));
    }

    private static void pipe(String stdin) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }
}
