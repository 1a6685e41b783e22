package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate --store op} end to end on copies of the insecure example configs, against a fake {@code op}. */
class MigrateOpIT {
    @TempDir
    Path tmp;

    private Path items;
    private MigrationFixture fixture;

    @BeforeEach
    void installTheFakeOp() throws IOException {
        boolean jq = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "jq")));
        MigrationFixture.requireBackend(jq ? java.util.Optional.empty()
                : java.util.Optional.of("the fake op needs jq (apt-get install -y jq)"));
        Path op = tmp.resolve("op-bin/op");
        Files.createDirectories(op.getParent());
        try (InputStream in = MigrateOpIT.class.getResourceAsStream("/fake-op-items/op")) {
            Files.copy(in, op);
        }
        Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwx------"));
        items = Files.createDirectories(tmp.resolve("op-items"));
        Map<String, String> env = new HashMap<>(TestEnvironment.of(tmp));
        env.put("MCP_SECRETS_OP_PATH", op.toString());
        env.put("OP_SERVICE_ACCOUNT_TOKEN", "ops_fake_token_for_tests");
        env.put("FAKE_OP_DIR", items.toString());
        fixture = new MigrationFixture(tmp.resolve("work"), env);
        fixture.trustAll();
    }

    @AfterEach
    void reset() {
        MigrateCommand.storeWrapper = s -> s;
    }

    private List<String> stored() throws IOException {
        try (Stream<Path> walk = Files.walk(items)) {
            return walk.filter(Files::isRegularFile).map(p -> items.relativize(p).toString())
                    .filter(p -> !p.equals("argv")).sorted().toList();
        }
    }

    @Test
    void migratesIntoAVaultWithValuesNeverInArgv() throws Exception {
        CliRun run = fixture.migrate("--store", "op", "--vault", "Private", "--yes");

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        Map<String, Map<String, String>> moved = fixture.moved();
        assertThat(moved).hasSizeGreaterThanOrEqualTo(5);
        String argv = Files.readString(items.resolve("argv"));
        for (Map<String, String> values : moved.values()) {
            for (String value : values.values()) {
                assertThat(run.out() + run.err()).doesNotContain(value);
                assertThat(argv).doesNotContain(value);
            }
        }
        String github = fixture.configs.resolve("github/claude_desktop_config.json") + "#github";
        assertThat(Files.readString(items.resolve("Private/mcp-github-GITHUB_PERSONAL_ACCESS_TOKEN")))
                .isEqualTo(moved.get(github).get("GITHUB_PERSONAL_ACCESS_TOKEN"));
        assertThat(Files.readString(Path.of(github.substring(0, github.indexOf('#')))))
                .contains("GITHUB_PERSONAL_ACCESS_TOKEN=op://Private/mcp-github-GITHUB_PERSONAL_ACCESS_TOKEN/password");
        for (String server : moved.keySet()) {
            assertThat(fixture.secretFindings()).doesNotContain(server);
        }
        assertThat(fixture.assertSameChildren(fixture.environment)).as("migrated servers compared").isGreaterThanOrEqualTo(12);

        List<String> once = stored();
        CliRun again = fixture.migrate("--store", "op", "--vault", "Private", "--yes");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("nothing to migrate");
        assertThat(stored()).isEqualTo(once);
    }

    @Test
    void aFailureAfterTheThirdStoredValueLeavesEveryConfigAndTheVaultAsTheyWere() throws IOException {
        Files.createDirectories(items.resolve("Private"));
        Files.writeString(items.resolve("Private/kept"), "kept");
        List<String> before = stored();
        AtomicInteger puts = new AtomicInteger();
        MigrateCommand.storeWrapper = s -> new FailingStore(s, 3, puts);

        CliRun run = fixture.migrate("--store", "op", "--vault", "Private", "--yes");

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(puts.get()).isEqualTo(4);
        fixture.assertUnchanged();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aVaultNameThatWouldAddSyntaxIsRefused() throws IOException {
        CliRun run = fixture.migrate("--store", "op", "--vault", "a/b", "--yes");
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--vault");
        fixture.assertUnchanged();
    }
}
