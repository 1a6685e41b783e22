package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive, on a copy of the built jar: {@code MCP_SECRETS_CDS_RECORD=now} records a
 * static archive next to the jar (what the archive build does with the bundled runtime), the next start maps it
 * ({@code -Xshare:on} would refuse to start otherwise, and the command's classes come from the "shared objects
 * file"), and a jar newer than the archive makes the launcher leave the stale archive alone.
 */
class LauncherCdsIT {
    @TempDir
    Path dir;

    @Test
    void recordsAnArchiveThatTheNextStartMapsAndDropsItWhenTheJarChanges() throws Exception {
        Path built = ProcessRun.REPO_ROOT.resolve("mcp-secrets-cli/target/mcp-secrets.jar");
        assertThat(built).isRegularFile();
        Path jar = Files.createDirectories(dir.resolve("lib")).resolve("mcp-secrets.jar");
        Files.copy(built, jar);
        Path jsa = dir.resolve("lib/mcp-secrets.jsa");
        Map<String, String> env = new HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("MCP_SECRETS_JAR", jar.toString());
        // no background recording after the jar changes below (the directory goes away with the test)
        env.put("MCP_SECRETS_NO_CDS", "1");

        Map<String, String> record = new HashMap<>(env);
        record.put("MCP_SECRETS_CDS_RECORD", "now");
        ProcessRun recorded = ProcessRun.of(List.of(ProcessRun.LAUNCHER.toString()), record);
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(jsa).isRegularFile();
        assertThat(Files.size(jsa)).isGreaterThan(1_000_000);
        try (var left = Files.list(dir.resolve("lib"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file or lock left")
                    .containsExactlyInAnyOrder("mcp-secrets.jar", "mcp-secrets.jsa");
        }

        Path log = dir.resolve("classes.log");
        Map<String, String> mapped = new HashMap<>(env);
        mapped.put("MCP_SECRETS_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + log);
        ProcessRun version = ProcessRun.of(List.of(ProcessRun.LAUNCHER.toString(), "--version"), mapped);
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("mcp-secrets ");
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("dev.mcpsecrets.cli.Entry source: shared objects file"));

        // a rebuilt jar: the archive no longer fits it and is not passed (the JVM would reject it)
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Files.delete(log);
        ProcessRun stale = ProcessRun.of(List.of(ProcessRun.LAUNCHER.toString(), "--version"), mapped);
        assertThat(stale.exitCode()).as(stale.err()).isZero();
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("dev.mcpsecrets.cli.Entry source: file:"));
    }
}
