package dev.mcpsecrets.spring.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How much the starter adds to a Spring Boot application's start with ten references (five
 * {@code env:}, five {@code dotenv:}): starts {@link BenchApplication} in fresh JVMs, alternating
 * without the starter (plain values, no mcp-secrets jar on the class path), with it (policy guard off),
 * and with it and the guard on an empty home and project; prints median and mean per variant.
 * Run from the module directory after {@code test-compile} (see the README):
 * {@code java -cp <test class path> dev.mcpsecrets.spring.bench.StarterStartupBenchmark [rounds]}.
 */
public final class StarterStartupBenchmark {
    /** The number of references (and plain properties) the application reads. */
    static final int REFERENCES = 10;

    private StarterStartupBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional number of rounds (default 15)
     * @throws Exception if a child fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path dir = Files.createTempDirectory("mcp-secrets-bench");
        Path dotenv = dir.resolve("bench.env");
        Files.createFile(dotenv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder env = new StringBuilder();
        for (int i = REFERENCES / 2; i < REFERENCES; i++) {
            env.append("BENCH_KEY_").append(i).append("=dotenv-value-").append(i).append('\n');
        }
        Files.writeString(dotenv, env, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("project"));

        String classPath = System.getProperty("java.class.path");
        String withoutStarter = Arrays.stream(classPath.split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .filter(e -> !e.contains("mcp-secrets") && !e.contains("mcp-policy")
                        || e.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Map<String, List<double[]>> samples = new TreeMap<>();
        for (int round = -1; round < rounds; round++) {
            // round -1 warms the file cache and is not counted
            measure("1 without starter", withoutStarter, plainArgs(), round, samples);
            measure("2 with starter", classPath, referenceArgs(dotenv, false, dir), round, samples);
            measure("3 with starter and guard", classPath, referenceArgs(dotenv, true, dir), round, samples);
        }
        System.out.printf(Locale.ROOT, "%d rounds, %d references (env: and dotenv:), fresh JVM each, Java %s%n",
                rounds, REFERENCES, System.getProperty("java.version"));
        String[] columns = {"run (SpringApplication.run) ms", "JVM uptime ms", "process CPU ms",
            "main thread CPU ms in run"};
        for (int c = 0; c < columns.length; c++) {
            System.out.printf(Locale.ROOT, "%-26s %10s %10s   %s%n", "variant", "median", "mean", columns[c]);
            for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
                int column = c;
                List<Double> values = e.getValue().stream().map(v -> v[column]).toList();
                System.out.printf(Locale.ROOT, "%-26s %10.1f %10.1f%n", e.getKey(), median(values), mean(values));
            }
        }
    }

    private static List<String> plainArgs() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < REFERENCES; i++) {
            args.add("--bench.key" + i + "=plain-value-" + i);
        }
        return args;
    }

    private static List<String> referenceArgs(Path dotenv, boolean guard, Path dir) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < REFERENCES; i++) {
            args.add("--bench.key" + i + "=secret:" + (i < REFERENCES / 2 ? "env:BENCH_KEY_" + i
                    : "dotenv:" + dotenv + "#BENCH_KEY_" + i));
        }
        args.add("--mcp-secrets.policy.enabled=" + guard);
        args.add("--mcp-secrets.policy.home=" + dir.resolve("home"));
        args.add("--mcp-secrets.policy.project-directory=" + dir.resolve("project"));
        return args;
    }

    private static void measure(String variant, String classPath, List<String> appArgs, int round,
            Map<String, List<double[]>> samples) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, BenchApplication.class.getName()));
        command.addAll(appArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        for (int i = 0; i < REFERENCES / 2; i++) {
            pb.environment().put("BENCH_KEY_" + i, "env-value-" + i);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains("BENCH ")) {
            throw new IllegalStateException(variant + " failed (exit " + p.exitValue() + "): " + out);
        }
        String[] parts = out.substring(out.indexOf("BENCH ")).trim().split("\\s+");
        if (round >= 0) {
            samples.computeIfAbsent(variant, v -> new ArrayList<>()).add(new double[] {
                Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]),
                Double.parseDouble(parts[4])});
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
