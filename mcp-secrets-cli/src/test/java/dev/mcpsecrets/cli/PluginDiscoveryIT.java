package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars dropped on the class path: a working one is discovered and used, a broken one is
 * skipped with a log line, and everything else keeps working.
 */
class PluginDiscoveryIT {
    private static final Path CLI_JAR = Path.of("target/mcp-secrets.jar").toAbsolutePath();

    private static final String GOOD = """
            package demo.plugin;
            import dev.mcpsecrets.api.*;
            import java.util.Set;
            public final class DemoProvider implements SecretProvider {
                public String id() { return "demo-vault"; }
                public Set<String> schemes() { return Set.of("demo"); }
                public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
                    if (ref.body().equals("greeting")) { return Secret.of("hello-from-plugin"); }
                    throw new SecretException(Reason.NOT_FOUND, ref.format(), "no such demo secret");
                }
            }
            """;

    private static final String BROKEN = """
            package demo.broken;
            import dev.mcpsecrets.api.*;
            import java.util.Set;
            public final class BrokenProvider implements SecretProvider {
                public BrokenProvider() { throw new IllegalStateException("broken plugin constructor"); }
                public String id() { return "broken"; }
                public Set<String> schemes() { return Set.of("broken"); }
                public Secret resolve(SecretRef ref, ResolveContext ctx) { return null; }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void workingPluginIsDiscoveredAndBrokenOnesAreSkipped() throws Exception {
        Path good = pluginJar("good", "demo.plugin.DemoProvider", GOOD);
        Path broken = pluginJar("broken", "demo.broken.BrokenProvider", BROKEN);
        Path missingClass = serviceOnlyJar("missing", "demo.nowhere.GoneProvider");
        String classPath = String.join(java.io.File.pathSeparator, CLI_JAR.toString(), broken.toString(),
                missingClass.toString(), good.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        ProcessRun providers = ProcessRun.of(List.of(java, "-cp", classPath, "dev.mcpsecrets.cli.Main", "providers"),
                Map.of());
        assertThat(providers.exitCode()).isZero();
        assertThat(providers.out()).contains("demo-vault").contains("mcp-env").doesNotContain("broken  ");
        assertThat(providers.err()).contains("skipping a secret provider that failed to load")
                .contains("demo.broken.BrokenProvider").contains("demo.nowhere.GoneProvider");

        ProcessRun get = ProcessRun.of(List.of(java, "-cp", classPath, "dev.mcpsecrets.cli.Main", "get",
                "--reveal", "demo:greeting"), Map.of());
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).isEqualTo("hello-from-plugin");

        ProcessRun env = ProcessRun.of(List.of(java, "-cp", classPath, "dev.mcpsecrets.cli.Main", "get",
                "env:PLUGIN_TEST"), Map.of("PLUGIN_TEST", "still-works"));
        assertThat(env.exitCode()).isZero();
    }

    private Path pluginJar(String name, String className, String source) throws IOException, InterruptedException {
        Path src = tmp.resolve(name + "-src");
        Path classes = tmp.resolve(name + "-classes");
        Path file = src.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.createDirectories(classes);
        Files.writeString(file, source);
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        ProcessRun compile = ProcessRun.of(List.of(javac, "-d", classes.toString(), "-cp", CLI_JAR.toString(),
                file.toString()), Map.of());
        assertThat(compile.exitCode()).as("compiling the test plugin: " + compile.err()).isZero();
        Path jar = tmp.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            List<Path> classFiles = new ArrayList<>();
            try (var walk = Files.walk(classes)) {
                walk.filter(Files::isRegularFile).forEach(classFiles::add);
            }
            for (Path c : classFiles) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, out);
                out.closeEntry();
            }
            writeService(out, className);
        }
        return jar;
    }

    private Path serviceOnlyJar(String name, String className) throws IOException {
        Path jar = tmp.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            writeService(out, className);
        }
        return jar;
    }

    private static void writeService(OutputStream jar, String className) throws IOException {
        JarOutputStream out = (JarOutputStream) jar;
        out.putNextEntry(new JarEntry("META-INF/services/dev.mcpsecrets.api.SecretProvider"));
        out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
