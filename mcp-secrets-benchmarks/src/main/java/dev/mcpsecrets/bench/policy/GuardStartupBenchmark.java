package dev.mcpsecrets.bench.policy;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyGuard;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.SelfDeclaration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.helpers.NOPLogger;

/**
 * Startup cost of the default {@link PolicyGuard} (the server's declaration and its own config entries;
 * no history, machine or live scope) with the working directory in (a) an empty directory and (b) a git
 * repository of 10,000 commits, one of which added a {@code .env} that a later one removed. The default
 * guard does not read the history, so (b) must cost about what (a) costs; {@code everyScopeWarnOnly}
 * shows what the history and machine scopes would add. The repository is made in the setup with
 * {@code git fast-import}; the benchmark needs the git command.
 *
 * <pre>java -jar mcp-secrets-benchmarks/target/benchmarks.jar GuardStartupBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardStartupBenchmark {
    /** Which working directory. */
    @Param({"empty_directory", "git_10000_commits"})
    public String workingDirectory;

    private Path root;
    private PolicyGuard guard;
    private PolicyGuard everyScope;

    /**
     * Creates the home, the working directory and (for the repository case) the history.
     *
     * @throws IOException if the files or the repository cannot be made
     * @throws InterruptedException if interrupted while git runs
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        root = Files.createTempDirectory("guard-bench");
        Path home = Files.createDirectories(root.resolve("home"));
        Path project = Files.createDirectories(home.resolve("projects/app"));
        if (workingDirectory.equals("git_10000_commits")) {
            history(project, 10_000);
        }
        Path desktop = home.resolve(".config/Claude/claude_desktop_config.json");
        Files.createDirectories(desktop.getParent());
        Files.writeString(desktop, "{\"mcpServers\": {\"app\": {\"command\": \"java\", \"args\": [\"-jar\", \"app.jar\"]}}}");
        FileSystemView view = FileSystemView.of(home, project, FileSystemView.OperatingSystem.LINUX,
                Map.of("HOME", home.toString())).withFingerprintKeyFile(root.resolve("key/fingerprint.key"));
        PolicyContext context = PolicyContext.builder().files(view).environment(Map.of("HOME", home.toString()))
                .discoverConfigs().build();
        SelfDeclaration self = SelfDeclaration.named("app").withReadOnly(true).withRoots(List.of(project), List.of());
        guard = PolicyGuard.builder().context(context).logger(NOPLogger.NOP_LOGGER).self(self).build();
        guard.check();
        everyScope = PolicyGuard.builder().context(context).logger(NOPLogger.NOP_LOGGER).self(self).allScopes()
                .warnOnly(true).build();
        boolean historyFinding = everyScope.check().findings().stream().anyMatch(f -> f.ruleId().equals("MCP-GIT-002"));
        if (historyFinding != workingDirectory.equals("git_10000_commits")) {
            throw new IllegalStateException("the history scan should find the .env secret only in the repository");
        }
    }

    /** {@code git init} and a fast-import stream of {@code commits} commits, the second adding a {@code .env}. */
    private static void history(Path project, int commits) throws IOException, InterruptedException {
        run(project, null, "git", "init", "-q", "-b", "main");
        StringBuilder stream = new StringBuilder();
        for (int i = 1; i <= commits; i++) {
            String message = "change " + i + "\n";
            stream.append("commit refs/heads/main\n").append("mark :").append(i).append('\n')
                    .append("committer Bench <bench@example.com> ").append(1_700_000_000L + i).append(" +0000\n")
                    .append("data ").append(message.getBytes(StandardCharsets.UTF_8).length).append('\n').append(message);
            if (i > 1) {
                stream.append("from :").append(i - 1).append('\n');
            }
            String content = "line " + i + "\n";
            stream.append("M 100644 inline src/file").append(i % 100).append(".txt\n")
                    .append("data ").append(content.length()).append('\n').append(content);
            if (i == 2) {
                String env = "GITHUB_TOKEN=ghp_" + "Bench0History0Token0123456789abcdef\n";
                stream.append("M 100644 inline .env\ndata ").append(env.length()).append('\n').append(env);
            } else if (i == 3) {
                stream.append("D .env\n");
            }
        }
        run(project, stream.toString(), "git", "fast-import", "--quiet");
        run(project, null, "git", "reset", "-q", "--hard", "main");
    }

    private static void run(Path dir, String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    /**
     * Removes the temporary tree.
     *
     * @throws IOException if it cannot be listed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * One startup check with the default scopes.
     *
     * @return the report
     */
    @Benchmark
    public PolicyReport defaultGuard() {
        return guard.check();
    }

    /**
     * For comparison: every scope (history and machine included), warn-only.
     *
     * @return the report
     */
    @Benchmark
    public PolicyReport everyScopeWarnOnly() {
        return everyScope.check();
    }
}
