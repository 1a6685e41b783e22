package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.pass.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pass set|remove}, {@code get pass:} and {@code run --env X=pass:} against a real store, in-process and packaged. */
class PassCommandIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    private static TestStore store;
    private final InputStream originalIn = System.in;

    @BeforeAll
    static void createStore() throws Exception {
        TestStore.missingProgram().ifPresent(missing -> {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(missing);
            }
            Assumptions.abort(missing);
        });
        store = TestStore.create();
    }

    @AfterAll
    static void stopTheAgent() {
        if (store != null) {
            store.close();
        }
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    private static CliRun cli(String stdin, String... args) {
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        return CliRun.of(store.environment(), args);
    }

    @Test
    void setThenGetThenRemove() {
        CliRun set = cli("db-pw-123\nuser: app_rw\n\n", "pass", "set", "cli/db");
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("stored pass:cli/db").doesNotContain("db-pw-123");

        CliRun get = cli(null, "get", "pass:cli/db");
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("mcp-pass").doesNotContain("db-pw-123");
        assertThat(cli(null, "get", "--reveal", "pass:cli/db#user").out()).isEqualTo("app_rw");

        CliRun again = cli("other-value\n", "pass", "set", "cli/db");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("--force").doesNotContain("other-value");
        assertThat(cli("other-value\n", "pass", "set", "--force", "cli/db").exitCode()).isZero();
        assertThat(cli(null, "get", "--reveal", "pass:cli/db").out()).isEqualTo("other-value");

        assertThat(cli(null, "pass", "remove", "cli/db").exitCode()).isZero();
        CliRun gone = cli(null, "pass", "remove", "cli/db");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("NOT_FOUND");
        assertThat(cli(null, "get", "pass:cli/db").err()).contains("NOT_FOUND");
    }

    @Test
    void thePackagedCommandGetsAndRunsWithPassReferences() throws Exception {
        store.insert("pkg/api", "pkg-token-789\nlogin: ops\n");
        Map<String, String> env = new HashMap<>(store.environment());

        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "pass:pkg/api"), env);
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("mcp-pass");
        assertThat(get.out() + get.err()).doesNotContain("pkg-token-789");

        ProcessRun reveal = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "pass:pkg/api#login"), env);
        assertThat(reveal.out()).isEqualTo("ops");

        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "API_TOKEN=pass:pkg/api", "--",
                "sh", "-c", "printf '%s' \"$API_TOKEN\""), env);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("pkg-token-789");

        ProcessRun missing = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "API_TOKEN=pass:pkg/none", "--",
                "sh", "-c", "exit 0"), env);
        assertThat(missing.exitCode()).isEqualTo(125);
        assertThat(missing.err()).contains("API_TOKEN").contains("NOT_FOUND").contains("password store");
    }
}
