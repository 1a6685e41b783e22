package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trust store others could change is refused, as ssh refuses a key file with a loose mode. */
class TrustStoreSafetyTest {
    @TempDir
    Path tmp;
    private Path config;
    private Path dir;
    private Path store;

    private Map<String, String> env() {
        return TestEnvironment.of(tmp, "SRC_TOKEN", "tok-123");
    }

    @BeforeEach
    void trustOneConfig() throws Exception {
        config = Files.writeString(tmp.resolve(".mcp.json"),
                "{\"mcpServers\": {\"demo\": {\"command\": \"sh\", \"args\": [\"-c\", \"exit 5\"]}}}");
        CliRun trust = CliRun.of(env(), "trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
        dir = tmp.resolve("home/.config/mcp-secrets");
        store = dir.resolve(TrustStore.FILE_NAME);
        assertThat(CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo").exitCode()).isEqualTo(5);
    }

    @Test
    void groupWritableTrustFileIsRefusedNamingFileModeAndChmod() throws Exception {
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-r--"));
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains(store.toString()).contains("664").contains("chmod 600 " + store);

        CliRun list = CliRun.of(env(), "trust", "--list");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).contains("refusing the trust store").contains("chmod 600");
    }

    @Test
    void worldWritableTrustFileIsRefusedForNewTrustToo() throws Exception {
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliRun trust = CliRun.of(env(), "trust", config.toString());
        assertThat(trust.exitCode()).isEqualTo(2);
        assertThat(trust.err()).contains("666").contains("others");
    }

    @Test
    void trustStoreInADirectoryOthersCanWriteIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliRun run = CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo");
        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.err()).contains("directory " + dir).contains("777").contains("chmod go-w " + dir);
    }

    @Test
    void tighteningTheModesAsToldRestoresTheTrust() throws Exception {
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo").exitCode()).isEqualTo(125);
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        assertThat(CliRun.of(env(), "run", "--config", config.toString(), "--server", "demo").exitCode()).isEqualTo(5);
    }

    @Test
    void doctorShowsTheRefusalInsteadOfFailing() throws Exception {
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliRun doctor = CliRun.of(env(), "doctor");
        assertThat(doctor.err()).doesNotContain("internal error");
    }
}
