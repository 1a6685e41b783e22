package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.vault.testing.FakeVault;
import dev.mcpsecrets.vault.testing.FakeVault.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code get vault:} and {@code run --env X=vault:} from the packaged command, against the fake Vault on 127.0.0.1. */
class VaultCommandIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    private static final String TOKEN = "hvs.PLANTED-cli-token-0123456789";
    private static final String PASSWORD = "PLANTED-cli-db-password-1";
    /** Seconds: a cold JVM's first HTTPS client and JSON parser take a while on a loaded build machine. */
    private static final String SLOW_MACHINE = "60";

    private FakeVault vault;

    @BeforeEach
    void start() {
        vault = FakeVault.start().mount("secret", 2).mount("kv", 1).token(TOKEN, 0, false, "*")
                .put("secret/app/db", Map.of("password", PASSWORD, "user", "app_rw"))
                .put("kv/app/api", Map.of("token", "PLANTED-cli-api-token-2"));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private Map<String, String> env() {
        return Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", TOKEN);
    }

    @Test
    void getNamesTheProviderAndRevealPrintsExactlyTheValue() throws Exception {
        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "--timeout", SLOW_MACHINE, "vault:secret/app/db#password"), env());
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("mcp-vault");
        assertThat(get.out() + get.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN);

        ProcessRun reveal = ProcessRun.of(List.of(LAUNCHER, "get", "--timeout", SLOW_MACHINE, "--reveal", "vault:kv/app/api"), env());
        assertThat(reveal.exitCode()).as(reveal.err()).isZero();
        assertThat(reveal.out()).isEqualTo("PLANTED-cli-api-token-2");
    }

    @Test
    void runHandsTheSecretsToTheChildReadingEachPathOnce() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "DB_PASSWORD=vault:secret/app/db#password",
                "--env", "DB_USER=vault:secret/app/db#user", "--", "sh", "-c", "printf '%s:%s' \"$DB_USER\" \"$DB_PASSWORD\""),
                env());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("app_rw:" + PASSWORD);
        assertThat(run.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        assertThat(vault.count(Kind.READ)).as("two keys of one path: one read").isEqualTo(1);
    }

    @Test
    void aSealedVaultStopsRunBeforeTheChildStartsWithOneLine() throws Exception {
        vault.mode(FakeVault.Mode.SEALED);
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "DB_PASSWORD=vault:secret/app/db#password",
                "--", "sh", "-c", "echo started"), env());
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.out()).doesNotContain("started");
        assertThat(run.err()).contains("DB_PASSWORD").contains("UNAVAILABLE").contains("sealed")
                .doesNotContain(TOKEN).doesNotContain("\tat ");
    }

    @Test
    void aChainFallsBackWhenVaultIsNotConfigured() throws Exception {
        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "--timeout", SLOW_MACHINE, "--reveal",
                "vault:secret/app/db#password || env:LOCAL_DB_PASSWORD"), Map.of("LOCAL_DB_PASSWORD", "local-dev-pw"));
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo("local-dev-pw");
    }

    @Test
    void aDeniedPathFailsGetWithTheReason() throws Exception {
        vault.token("hvs.PLANTED-narrow-cli", 0, false, "kv/");
        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "--timeout", SLOW_MACHINE, "vault:secret/app/db#password"),
                Map.of("VAULT_ADDR", vault.url(), "VAULT_TOKEN", "hvs.PLANTED-narrow-cli"));
        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.err()).contains("DENIED").doesNotContain("PLANTED");
    }
}
