package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import dev.mcpsecrets.cli.MigrationStore.Dotenv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate --store dotenv} end to end on copies of the insecure example configs. */
class MigrateDotenvTest {
    @TempDir
    Path tmp;

    private MigrationFixture fixture;

    @BeforeEach
    void copyTheExamples() throws IOException {
        fixture = new MigrationFixture(tmp, TestEnvironment.of(tmp));
    }

    @AfterEach
    void resetTheStore() {
        MigrateCommand.storeWrapper = s -> s;
    }

    private Path dotenv() {
        return tmp.resolve("home/.config/mcp-secrets/.env");
    }

    @Test
    void untrustedProjectConfigsAreRefusedAndNothingChanges() throws IOException {
        CliRun run = fixture.migrate("--store", "dotenv", "--yes");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("not trusted").contains("mcp-secrets trust");
        fixture.assertUnchanged();
        assertThat(dotenv()).doesNotExist();
    }

    @Test
    void dryRunShowsAMaskedDiffAndChangesNothing() throws IOException {
        fixture.trustAll();
        CliRun run = fixture.migrate("--store", "dotenv", "--dry-run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("GITHUB_PERSONAL_ACCESS_TOKEN -> dotenv:" + dotenv() + "#GITHUB_GITHUB_PERSONAL_ACCESS_TOKEN")
                .contains("-        \"GITHUB_PERSONAL_ACCESS_TOKEN\": \"****\"")
                .contains("+      \"command\": \"" + fixture.launcher + "\"")
                .contains("left alone: 'github' in " + fixture.configs.resolve("github-remote/.vscode/mcp.json"))
                .contains("dry run: nothing was stored or written")
                .doesNotContain("ghp_FAKE").doesNotContain("my_secret_password").doesNotContain("xoxb-");
        fixture.assertUnchanged();
        assertThat(dotenv()).doesNotExist();
    }

    @Test
    void migratesStoresReadsBackBacksUpAndASecondRunChangesNothing() throws Exception {
        fixture.trustAll();
        List<String> findingsBefore = fixture.secretFindings();
        CliRun run = fixture.migrate("--store", "dotenv", "--yes");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();

        Map<String, Map<String, String>> moved = fixture.moved();
        assertThat(moved).hasSizeGreaterThanOrEqualTo(5);
        for (Map<String, String> values : moved.values()) {
            for (String value : values.values()) {
                assertThat(run.out()).doesNotContain(value);
                assertThat(run.err()).doesNotContain(value);
            }
        }
        // the store: every moved value under its name, mode 600 in a 700 directory
        assertThat(Files.getPosixFilePermissions(dotenv())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dotenv().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String github = fixture.configs.resolve("github/claude_desktop_config.json") + "#github";
        assertThat(moved).containsKey(github);
        CliRun get = CliRun.of(fixture.environment, "get", "--reveal",
                "dotenv:" + dotenv() + "#GITHUB_GITHUB_PERSONAL_ACCESS_TOKEN");
        assertThat(get.out()).isEqualTo(moved.get(github).get("GITHUB_PERSONAL_ACCESS_TOKEN"));

        // the audit finds no plaintext or command-line secret left in a migrated server
        List<String> after = fixture.secretFindings();
        for (String server : moved.keySet()) {
            assertThat(findingsBefore).contains(server);
            assertThat(after).doesNotContain(server);
        }
        // what is left is what migrate reported as left alone
        assertThat(after).isNotEmpty();
        for (String left : after) {
            String file = left.substring(0, left.indexOf('#'));
            String server = left.substring(left.indexOf('#') + 1);
            assertThat(run.out()).contains("left alone: '" + server + "' in " + file);
        }

        // each child gets exactly the environment its original entry gave it
        assertThat(fixture.assertSameChildren(fixture.environment)).as("migrated servers compared").isGreaterThanOrEqualTo(12);

        // backups: the original bytes, 600 in a 700 directory outside the project, printed with advice
        Path backups = tmp.resolve("home/.local/state/mcp-secrets/backups");
        assertThat(Files.getPosixFilePermissions(backups)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> list = Files.list(backups)) {
            List<Path> made = list.filter(p -> !p.getFileName().toString().endsWith(".lock")).toList();
            assertThat(made).hasSize(moved.keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).distinct()
                    .toList().size());
            for (Path b : made) {
                assertThat(run.out()).contains(b.toString());
                assertThat(Files.getPosixFilePermissions(b)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                assertThat(fixture.before.values()).anyMatch(bytes -> {
                    try {
                        return java.util.Arrays.equals(bytes, Files.readAllBytes(b));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
        assertThat(run.out()).contains("delete them once").contains("rotate these credentials")
                .contains("  github | GITHUB_PERSONAL_ACCESS_TOKEN | GitHub");

        // trust was re-recorded for the rewritten files (they were trusted before)
        TrustStore trust = new TrustStore(UserConfigDir.from(fixture.environment));
        for (String key : moved.keySet()) {
            assertThat(trust.check(Path.of(key.substring(0, key.indexOf('#'))))).isEqualTo(TrustStore.Verdict.TRUSTED);
        }

        // a second run changes nothing
        Map<Path, byte[]> once = fixture.now();
        byte[] store = Files.readAllBytes(dotenv());
        CliRun again = fixture.migrate("--store", "dotenv", "--yes");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to migrate");
        Map<Path, byte[]> twice = fixture.now();
        once.forEach((f, bytes) -> assertThat(twice.get(f)).as(f.toString()).isEqualTo(bytes));
        assertThat(Files.readAllBytes(dotenv())).isEqualTo(store);
    }

    @Test
    void aFailureAfterTheThirdStoredValueLeavesEveryConfigAndTheStoreAsTheyWere() throws IOException {
        fixture.trustAll();
        Files.createDirectories(dotenv().getParent());
        Files.writeString(dotenv(), "# mine\nOTHER_KEY=keep-me\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dotenv(), PosixFilePermissions.fromString("rw-------"));
        byte[] storeBefore = Files.readAllBytes(dotenv());
        AtomicInteger puts = new AtomicInteger();
        MigrateCommand.storeWrapper = store -> new FailingStore(store, 3, puts);

        CliRun run = fixture.migrate("--store", "dotenv", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("migration failed").contains("every config is as it was");
        assertThat(puts.get()).isEqualTo(4);
        fixture.assertUnchanged();
        assertThat(Files.readAllBytes(dotenv())).isEqualTo(storeBefore);
        assertThat(tmp.resolve("home/.local/state/mcp-secrets/backups")).doesNotExist();
    }

    @Test
    void aStoreThatDidNotExistIsGoneAgainAfterAFailure() throws IOException {
        fixture.trustAll();
        MigrateCommand.storeWrapper = store -> new FailingStore(store, 3, new AtomicInteger());
        assertThat(fixture.migrate("--store", "dotenv", "--yes").exitCode()).isEqualTo(Main.FAILED);
        fixture.assertUnchanged();
        assertThat(dotenv()).doesNotExist();
    }

    @Test
    void anExistingItemIsNeverOverwritten() throws IOException {
        fixture.trustAll();
        Files.createDirectories(dotenv().getParent());
        Files.writeString(dotenv(), "SLACK_SLACK_BOT_TOKEN=older\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(dotenv(), PosixFilePermissions.fromString("rw-------"));
        byte[] storeBefore = Files.readAllBytes(dotenv());

        CliRun run = fixture.migrate("--store", "dotenv", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(run.err()).contains("#SLACK_SLACK_BOT_TOKEN exists already and is never overwritten");
        fixture.assertUnchanged();
        assertThat(Files.readAllBytes(dotenv())).isEqualTo(storeBefore);
    }

    @Test
    void anItemThatAppearsBetweenTheCheckAndTheStoreIsKept() throws IOException {
        fixture.trustAll();
        AtomicInteger puts = new AtomicInteger();
        MigrateCommand.storeWrapper = store -> new FailingStore(store, Integer.MAX_VALUE, puts) {
            @Override
            public void put(String server, String variable, dev.mcpsecrets.api.Secret value)
                    throws dev.mcpsecrets.api.SecretException, IOException {
                if (puts.get() == 1) {
                    // another writer takes the name first
                    Files.writeString(dotenv(), Dotenv.key(server, variable) + "=theirs\n", StandardOpenOption.APPEND);
                }
                super.put(server, variable, value);
            }
        };

        CliRun run = fixture.migrate("--store", "dotenv", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        fixture.assertUnchanged();
        assertThat(Files.readString(dotenv())).isEqualTo("AWS_AWS_SECRET_ACCESS_KEY=theirs\n");
    }
}
