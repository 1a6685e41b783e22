package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.keychain.testing.KeyringDaemon;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate --store keychain} end to end on copies of the insecure example configs, with a real gnome-keyring. */
class MigrateKeychainIT {
    @TempDir
    Path tmp;

    private KeyringDaemon keyring;
    private MigrationFixture fixture;

    @BeforeEach
    void startTheKeyring() throws Exception {
        MigrationFixture.requireBackend(KeyringDaemon.missingProgram());
        keyring = KeyringDaemon.start(tmp.resolve("keyring"));
        Map<String, String> env = new HashMap<>(TestEnvironment.of(tmp));
        env.put(KeyringDaemon.ADDRESS_VARIABLE, keyring.address());
        fixture = new MigrationFixture(tmp.resolve("work"), env);
        fixture.trustAll();
    }

    @AfterEach
    void stopTheKeyring() {
        MigrateCommand.storeWrapper = s -> s;
        if (keyring != null) {
            keyring.close();
        }
    }

    @Test
    void migratesIntoTheKeychainAndEveryChildGetsTheSameEnvironment() throws Exception {
        CliRun run = fixture.migrate("--store", "keychain", "--yes");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        Map<String, Map<String, String>> moved = fixture.moved();
        assertThat(moved).hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, String> values : moved.values()) {
            for (String value : values.values()) {
                assertThat(run.out() + run.err()).doesNotContain(value);
            }
        }
        String github = fixture.configs.resolve("github/claude_desktop_config.json") + "#github";
        assertThat(keyring.secretToolLookup("mcp-github", "GITHUB_PERSONAL_ACCESS_TOKEN"))
                .isEqualTo(moved.get(github).get("GITHUB_PERSONAL_ACCESS_TOKEN"));
        for (String server : moved.keySet()) {
            assertThat(fixture.secretFindings()).doesNotContain(server);
        }
        assertThat(fixture.assertSameChildren(fixture.environment)).as("migrated servers compared").isGreaterThanOrEqualTo(12);

        Map<Path, byte[]> once = fixture.now();
        CliRun again = fixture.migrate("--store", "keychain", "--yes");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to migrate");
        Map<Path, byte[]> twice = fixture.now();
        once.forEach((f, bytes) -> assertThat(twice.get(f)).as(f.toString()).isEqualTo(bytes));
    }

    @Test
    void aFailureAfterTheThirdStoredValueLeavesEveryConfigAndTheKeychainAsTheyWere() throws Exception {
        keyring.secretToolStore("mcp-slack", "OTHER", "kept");
        AtomicInteger puts = new AtomicInteger();
        MigrateCommand.storeWrapper = s -> new FailingStore(s, 3, puts);

        CliRun run = fixture.migrate("--store", "keychain", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(puts.get()).isEqualTo(4);
        fixture.assertUnchanged();
        // the first three values (in file order: aws twice, brave-search) were stored and removed again
        assertThat(lookup("mcp-aws", "AWS_ACCESS_KEY_ID")).isNull();
        assertThat(lookup("mcp-aws", "AWS_SECRET_ACCESS_KEY")).isNull();
        assertThat(lookup("mcp-brave-search", "BRAVE_API_KEY")).isNull();
        assertThat(keyring.secretToolLookup("mcp-slack", "OTHER")).isEqualTo("kept");
    }

    private String lookup(String service, String account) throws IOException, InterruptedException {
        try {
            return keyring.secretToolLookup(service, account);
        } catch (IOException e) {
            return null; // secret-tool exits 1 when there is no such item
        }
    }
}
