package dev.mcpsecrets.bench.policy;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.checks.internal.GitHistoryCheck;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Speed of the offline policy checks on a generated tree (1,000-server config, 100 MiB of files, a git
 * history of 1,000 commits), and secretlint with its recommended preset on the same files, side by side.
 * Run with {@code java -cp mcp-secrets-benchmarks/target/benchmarks.jar
 * dev.mcpsecrets.bench.policy.PolicyScanBenchmark [MiB] [secretlint-dir]}; secretlint is installed with
 * npm into {@code secretlint-dir} (default {@code target/secretlint}) when it is not there yet.
 */
public final class PolicyScanBenchmark {
    private static final double MIB = 1024.0 * 1024.0;

    private PolicyScanBenchmark() {
    }

    /**
     * Generates the tree, runs the measurements and prints them.
     *
     * @param args optional size of the files in MiB (default 100) and the secretlint install directory
     * @throws Exception if generating or scanning fails
     */
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path secretlintDir = Path.of(args.length > 1 ? args[1] : "target/secretlint").toAbsolutePath();
        Path root = Files.createTempDirectory("policy-bench");
        AuditTree tree = new AuditTree(root);
        long t0 = System.nanoTime();
        tree.writeFiles(mib * 1024L * 1024L, 256 * 1024);
        tree.writeConfig(1000);
        tree.writeRepository(1000);
        print("generated %d MiB of files (%d planted secrets), a 1,000-server config and 1,000 commits in %.1f s%n",
                mib, tree.plantedSecrets, seconds(t0));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree.files)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ScanResult scan = null;
        for (int i = 0; i < 5; i++) {
            scan = scanFiles(files, threads);
            print("content scan run %d: %.2f s, %.1f MiB/s, %d findings%n", i + 1, scan.seconds, bytes / MIB / scan.seconds,
                    scan.findings);
        }
        FileSystemView view = FileSystemView.of(root.resolve("home"), tree.repo, FileSystemView.OperatingSystem.LINUX,
                Map.of());
        Files.createDirectories(view.home());
        PolicyContext context = PolicyContext.builder().files(view).environment(Map.of())
                .configs(List.of(McpConfigReader.read(tree.config))).build();
        for (int i = 0; i < 3; i++) {
            long c0 = System.nanoTime();
            int configFindings = 0;
            for (PolicyCheck check : ServiceLoader.load(PolicyCheck.class)) {
                if (!check.scopes().contains(PolicyScope.LIVE) && !check.scopes().contains(PolicyScope.HISTORY)) {
                    configFindings += (int) check.run(context).count();
                }
            }
            print("all offline checks, 1,000-server config: %.0f ms, %d findings%n", (System.nanoTime() - c0) / 1e6,
                    configFindings);
        }
        for (int i = 0; i < 3; i++) {
            long g0 = System.nanoTime();
            List<Finding> history = new GitHistoryCheck().run(context).toList();
            print("git history, 1,000 commits (git log --all -p + scan): %.2f s, %d findings%n", seconds(g0), history.size());
        }
        Secretlint.Result lint = Secretlint.run(secretlintDir, tree.files);
        print("%n%-34s %12s %10s %10s%n", "content scan of the same files", "MiB/s", "seconds", "findings");
        print("%-34s %12.1f %10.2f %10d%n", "mcp-policy SecretScanner (" + threads + " threads)", bytes / MIB / scan.seconds,
                scan.seconds, scan.findings);
        if (lint.ok()) {
            print("%-34s %12.1f %10.2f %10d%n", "secretlint " + lint.version + " (recommend)", bytes / MIB / lint.seconds,
                    lint.seconds, lint.findings);
        } else {
            print("%-34s %s%n", "secretlint", "not run: " + lint.problem);
        }
        print("planted secrets: %d (%.1f MiB in %d files)%n", tree.plantedSecrets, bytes / MIB, files.size());
        AuditTree.run(root, List.of("rm", "-rf", root.toString()), null);
    }

    private record ScanResult(double seconds, long findings) {
    }

    private static ScanResult scanFiles(List<Path> files, int threads) throws Exception {
        SecretScanner scanner = SecretScanner.builtIn();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    long n = 0;
                    for (int i = offset; i < files.size(); i += threads) {
                        // one byte per char: the formats are ASCII, and Latin-1 strings are compact and cheap to make
                        String text = new String(Files.readAllBytes(files.get(i)), StandardCharsets.ISO_8859_1);
                        n += scanner.scan(text).size();
                    }
                    return n;
                }));
            }
            long findings = 0;
            for (Future<Long> f : parts) {
                findings += f.get();
            }
            return new ScanResult(seconds(t0), findings);
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void print(String format, Object... args) {
        // a benchmark's output is its result: it goes to stdout on purpose
        System.out.printf(Locale.ROOT, format, args);
    }

    /** Installs (once) and runs secretlint with the recommended preset. */
    static final class Secretlint {
        record Result(boolean ok, String version, double seconds, long findings, String problem) {
        }

        private Secretlint() {
        }

        static Result run(Path dir, Path files) throws IOException, InterruptedException {
            Path bin = dir.resolve("node_modules/.bin/secretlint");
            if (!Files.isExecutable(bin)) {
                Files.createDirectories(dir);
                try {
                    AuditTree.run(dir, List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                            dir.toString(), "secretlint@13", "@secretlint/secretlint-rule-preset-recommend@13"), null);
                } catch (IOException e) {
                    return new Result(false, "", 0, 0, "npm install failed: " + e.getMessage());
                }
            }
            Path rc = files.getParent().resolve(".secretlintrc.json");
            Files.writeString(rc, "{\"rules\": [{\"id\": \"@secretlint/secretlint-rule-preset-recommend\"}]}");
            Path out = files.getParent().resolve("secretlint.json");
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(bin.toString(), "--format", "json", "--secretlintrc", rc.toString(),
                    "--output", out.toString(), files.getFileName() + "/**/*").directory(files.getParent().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(false, "", 0, 0, "timed out");
            }
            double seconds = seconds(t0);
            if (!Files.exists(out)) {
                return new Result(false, "", seconds, 0, "no report (exit " + p.exitValue() + ")");
            }
            Matcher m = Pattern.compile("\"ruleId\"\\s*:").matcher(Files.readString(out));
            long findings = 0;
            while (m.find()) {
                findings++;
            }
            String version = Files.readString(dir.resolve("node_modules/secretlint/package.json"))
                    .replaceAll("(?s).*\"version\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            return new Result(true, version, seconds, findings, "");
        }
    }
}
