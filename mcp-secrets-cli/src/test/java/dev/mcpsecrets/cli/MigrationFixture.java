package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.config.McpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copies of the insecure example configs, trusted, and what a test of {@code migrate} checks on them: the files'
 * bytes, the values that moved, the audit afterwards, and the environment each server's child gets.
 */
final class MigrationFixture {
    static final Path EXAMPLES = Path.of("..", "examples", "configs", "insecure").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path configs;
    final Path launcher;
    final Map<String, String> environment;
    final Map<Path, byte[]> before = new TreeMap<>();

    MigrationFixture(Path tmp, Map<String, String> baseEnvironment) throws IOException {
        root = tmp;
        configs = tmp.resolve("configs");
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            for (Path p : walk.toList()) {
                Path to = configs.resolve(EXAMPLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        launcher = tmp.resolve("bin").resolve("mcp-secrets");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.put("HOME", tmp.resolve("home").toString());
        env.remove("XDG_CONFIG_HOME");
        env.remove("XDG_STATE_HOME");
        Files.createDirectories(tmp.resolve("home"));
        environment = Map.copyOf(env);
        for (Path f : files()) {
            before.put(f, Files.readAllBytes(f));
        }
    }

    List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(configs)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).sorted().toList();
        }
    }

    void trustAll() throws IOException {
        for (Path f : files()) {
            CliRun trust = CliRun.of(environment, "trust", f.toString());
            assertThat(trust.exitCode()).as(trust.err()).isZero();
        }
    }

    CliRun migrate(String... extra) {
        List<String> args = new ArrayList<>(List.of("migrate", "--launcher", launcher.toString()));
        args.addAll(List.of(extra));
        args.add(configs.toString());
        return CliRun.of(environment, args.toArray(String[]::new));
    }

    Map<Path, byte[]> now() throws IOException {
        Map<Path, byte[]> now = new TreeMap<>();
        for (Path f : files()) {
            now.put(f, Files.readAllBytes(f));
        }
        return now;
    }

    void assertUnchanged() throws IOException {
        Map<Path, byte[]> now = now();
        assertThat(now.keySet()).isEqualTo(before.keySet());
        before.forEach((f, bytes) -> assertThat(now.get(f)).as(f.toString()).isEqualTo(bytes));
    }

    /**
     * Needs a real backend: when a program it needs is missing, the test is skipped with the reason
     * outside CI and fails in CI, where the backend must be there.
     */
    static void requireBackend(java.util.Optional<String> missing) {
        missing.ifPresent(why -> {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        });
    }

    static McpConfigFile read(Path file, byte[] content) {
        return McpConfigReader.parse(content, file, ConfigScope.PROJECT);
    }

    /** Per file and server: the env values the migrated entry no longer holds (the values that moved). */
    Map<String, Map<String, String>> moved() throws IOException {
        Map<String, Map<String, String>> moved = new LinkedHashMap<>();
        for (Path f : files()) {
            McpConfigFile old = read(f, before.get(f));
            McpConfigFile now = read(f, Files.readAllBytes(f));
            for (int i = 0; i < old.servers().size(); i++) {
                McpServer o = old.servers().get(i);
                McpServer n = now.servers().get(i);
                Map<String, String> gone = new LinkedHashMap<>();
                o.env().forEach((k, v) -> {
                    if (!n.env().containsKey(k)) {
                        gone.put(k, v.value());
                    }
                });
                if (!gone.isEmpty()) {
                    moved.put(f + "#" + o.name(), gone);
                }
            }
        }
        return moved;
    }

    /** The audit's plaintext-secret and command-line-secret findings, as "file#server". */
    List<String> secretFindings() throws IOException {
        return secretFindingLocations().stream().map(l -> l.path("file").asText() + "#" + l.path("server").asText())
                .toList();
    }

    /** The locations (file, server, JSON pointer) of the audit's plaintext-secret and command-line-secret findings. */
    List<JsonNode> secretFindingLocations() throws IOException {
        CliRun audit = CliRun.of(environment, "audit", "--format", "json", "--fail-on", "critical", configs.toString());
        JsonNode report = JSON.readTree(audit.out());
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            String rule = f.path("ruleId").asText();
            // plaintext secrets (known format, credential-named value) and secrets on command lines
            if (List.of("MCP-SEC-001", "MCP-SEC-002", "MCP-CMD-001").contains(rule)) {
                found.add(f.path("location"));
            }
        }
        return found;
    }

    /** The string at a JSON pointer of a config as it is now. */
    static String valueAt(Path file, String pointer) throws IOException {
        return JSON.readTree(Files.readAllBytes(file)).at(pointer).asText();
    }

    /** A program that writes its environment to the file named by its one argument. */
    Path envDumper() throws IOException {
        Path stub = root.resolve("bin").resolve("dump-env");
        Files.writeString(stub, "#!/bin/sh\nexec /usr/bin/env > \"$1\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        return stub;
    }

    /**
     * For every migrated server: the environment its child got as the original entry started it (the client's
     * environment plus the entry's env) and as the migrated entry starts it (through run, in-process), with the
     * program replaced by {@link #envDumper()} on both sides.
     */
    void assertSameChildEnvironments(Map<String, String> clientEnvironment) throws Exception {
        Path stub = envDumper();
        int compared = 0;
        for (Path f : files()) {
            McpConfigFile old = read(f, before.get(f));
            McpConfigFile now = read(f, Files.readAllBytes(f));
            for (int i = 0; i < old.servers().size(); i++) {
                McpServer n = now.servers().get(i);
                if (!n.command().map(c -> c.value().equals(launcher.toString())).orElse(false)) {
                    continue;
                }
                Path originalOut = root.resolve("env-original-" + compared);
                Path migratedOut = root.resolve("env-migrated-" + compared);
                Map<String, String> originalEnv = new HashMap<>(clientEnvironment);
                old.servers().get(i).env().forEach((k, v) -> originalEnv.put(k, v.value()));
                ProcessBuilder pb = new ProcessBuilder(stub.toString(), originalOut.toString());
                pb.environment().clear();
                pb.environment().putAll(originalEnv);
                assertThat(pb.start().waitFor()).isZero();

                Map<String, String> migratedEnv = new HashMap<>(clientEnvironment);
                n.env().forEach((k, v) -> migratedEnv.put(k, v.value()));
                List<String> args = new ArrayList<>();
                n.args().forEach(a -> args.add(a.value()));
                int dashes = args.indexOf("--");
                assertThat(dashes).isPositive();
                List<String> runArgs = new ArrayList<>(args.subList(0, dashes + 1));
                runArgs.add(stub.toString());
                runArgs.add(migratedOut.toString());
                CliRun run = CliRun.of(migratedEnv, runArgs.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(Files.readAllLines(migratedOut)).as(f + " " + n.name()).isNotEmpty()
                        .containsExactlyInAnyOrderElementsOf(Files.readAllLines(originalOut));
                compared++;
            }
        }
        assertThat(compared).as("migrated servers compared").isGreaterThanOrEqualTo(5);
    }
}
