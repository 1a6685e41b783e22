package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonValue;
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

    /** Per file and server that migrate rewrote: the env values the migrated entry no longer holds. */
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
                boolean rewritten = !n.commandLine().stream().map(JsonValue.StringValue::value).toList()
                        .equals(o.commandLine().stream().map(JsonValue.StringValue::value).toList());
                if (!gone.isEmpty() || rewritten) {
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

    /** Programs named like the launchers the examples start; each writes its arguments and environment to $MCP_DUMP. */
    Path fakePrograms() throws IOException {
        Path bin = root.resolve("fakebin");
        Files.createDirectories(bin);
        for (String name : List.of("npx", "uvx", "node", "docker", "python3")) {
            Path stub = bin.resolve(name);
            Files.writeString(stub, "#!/bin/sh\n{ for a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done; "
                    + "/usr/bin/env | sed 's/^/env:/'; } > \"$MCP_DUMP\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        }
        return bin;
    }

    /**
     * For every migrated stdio server: what the server program (a stand-in named like it, found on PATH, also
     * inside {@code sh -c}) receives as arguments and environment when the original entry starts it, and when the
     * migrated entry starts it through run (in-process). They must be equal; the one documented difference is a
     * command-line secret the catalog lets the server read from a variable instead: then exactly that variable is
     * added and exactly that secret leaves the arguments (with its flag, or from the URL).
     *
     * @return how many servers were compared
     */
    int assertSameChildren(Map<String, String> clientEnvironment) throws Exception {
        Path bin = fakePrograms();
        int compared = 0;
        for (Path f : files()) {
            McpConfigFile old = read(f, before.get(f));
            McpConfigFile now = read(f, Files.readAllBytes(f));
            for (int i = 0; i < old.servers().size(); i++) {
                McpServer o = old.servers().get(i);
                McpServer n = now.servers().get(i);
                if (!n.command().map(c -> c.value().equals(launcher.toString())).orElse(false)
                        || n.args().isEmpty() || !n.args().get(0).value().equals("run")) {
                    continue;
                }
                Map<String, String> client = new HashMap<>(clientEnvironment);
                client.put("PATH", bin + ":" + clientEnvironment.getOrDefault("PATH", "/usr/bin:/bin"));

                Path originalOut = root.resolve("child-original-" + compared);
                Map<String, String> originalEnv = new HashMap<>(client);
                o.env().forEach((k, v) -> originalEnv.put(k, v.value()));
                originalEnv.put("MCP_DUMP", originalOut.toString());
                List<String> argv = new ArrayList<>();
                o.commandLine().forEach(a -> argv.add(a.value()));
                Path local = bin.resolve(argv.get(0));
                argv.set(0, Files.exists(local) ? local.toString() : "/bin/" + argv.get(0));
                ProcessBuilder pb = new ProcessBuilder(argv);
                pb.environment().clear();
                pb.environment().putAll(originalEnv);
                assertThat(pb.start().waitFor()).isZero();

                Path migratedOut = root.resolve("child-migrated-" + compared);
                Map<String, String> migratedEnv = new HashMap<>(client);
                n.env().forEach((k, v) -> migratedEnv.put(k, v.value()));
                migratedEnv.put("MCP_DUMP", migratedOut.toString());
                List<String> args = new ArrayList<>();
                n.args().forEach(a -> args.add(a.value()));
                CliRun run = CliRun.of(migratedEnv, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(run.err()).isZero();

                Child was = Child.read(originalOut);
                Child is = Child.read(migratedOut);
                String label = f + " " + n.name();
                assertThat(is.env).as(label).containsAllEntriesOf(was.env);
                Map<String, String> added = new LinkedHashMap<>(is.env);
                was.env.keySet().forEach(added::remove);
                assertThat(is.args).as(label).isEqualTo(withoutSecrets(was.args, added.values()));
                for (String value : added.values()) {
                    assertThat(String.join("\n", was.args)).as(label + ": an added variable holds a value that was on "
                            + "the command line").contains(encodedOrPlain(was.args, value));
                }
                compared++;
            }
        }
        return compared;
    }

    /** A value as it stood in the arguments: itself, or percent-encoded in a URL. */
    private static String encodedOrPlain(List<String> args, String value) {
        String encoded = java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return args.stream().anyMatch(a -> a.contains(value)) ? value : encoded;
    }

    /** The arguments with each value removed: {@code --flag=value}, {@code --flag value}, or {@code :value@} in a URL. */
    private static List<String> withoutSecrets(List<String> args, java.util.Collection<String> values) {
        List<String> out = new ArrayList<>(args);
        for (String v : values) {
            String enc = encodedOrPlain(args, v);
            for (int i = 0; i < out.size(); i++) {
                String a = out.get(i);
                if (a.startsWith("-") && a.endsWith("=" + v)) {
                    out.remove(i--);
                } else if (a.equals(v) && i > 0 && out.get(i - 1).startsWith("-")) {
                    out.remove(i);
                    out.remove(--i);
                    i--;
                } else if (a.contains(":" + enc + "@")) {
                    out.set(i, a.replace(":" + enc + "@", "@"));
                }
            }
        }
        return out;
    }

    /** What a stand-in program received. */
    private record Child(List<String> args, Map<String, String> env) {
        static Child read(Path dump) throws IOException {
            List<String> args = new ArrayList<>();
            Map<String, String> env = new TreeMap<>();
            for (String line : Files.readAllLines(dump)) {
                if (line.startsWith("arg:")) {
                    args.add(line.substring(4));
                } else if (line.startsWith("env:") && line.indexOf('=') > 4 && !line.startsWith("env:MCP_DUMP=")) {
                    env.put(line.substring(4, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            return new Child(args, env);
        }
    }
}
