package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realistic fixture set: configs of popular servers (and the security guide's examples), each in
 * an insecure and a fixed version. Every insecure config yields exactly its expected rule ids, every
 * fixed one yields nothing, and no finding shows a secret.
 */
class FixtureSetTest {
    private static final Map<String, String> ENV = Map.of("USER", "username", "HOME", "/Users/username");

    @TempDir
    Path tmp;

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path root = root();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path root() throws URISyntaxException {
        return Path.of(FixtureSetTest.class.getResource("/fixtures").toURI());
    }

    private List<Finding> audit(String fixture, String variant) throws IOException, URISyntaxException {
        Path source;
        try (Stream<Path> files = Files.walk(root().resolve(fixture).resolve(variant))) {
            source = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Path relative = root().resolve(fixture).resolve(variant).relativize(source);
        Path copy = tmp.resolve(variant).resolve(relative);
        Files.createDirectories(copy.getParent());
        Files.copy(source, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        McpConfigFile config = McpConfigReader.read(copy);
        assertThat(config.document().problems()).isEmpty();
        FileSystemView view = FileSystemView.of(Path.of("/Users/username"), tmp.resolve("project"),
                FileSystemView.OperatingSystem.MACOS, Map.of()).withFingerprintKeyFile(tmp.resolve("key"));
        PolicyContext context = Harness.context(view, ENV, config).build();
        return Harness.runAll(context);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void insecureConfigYieldsExactlyTheExpectedRules(String fixture) throws Exception {
        Set<String> expected = new TreeSet<>(Files.readAllLines(root().resolve(fixture).resolve("expected-rules.txt")));
        expected.removeIf(String::isBlank);
        List<Finding> findings = audit(fixture, "insecure");
        assertThat(Harness.ruleIds(findings)).as(fixture + ": " + findings).isEqualTo(expected);
        Harness.assertNoValue(findings, Harness.GITHUB, Harness.GITHUB_FINE, Harness.SLACK, Harness.BRAVE,
                Harness.GOOGLE, Harness.STRIPE, Harness.GITLAB, Harness.AWS_ID, Harness.AWS_SECRET, Harness.ANTHROPIC,
                Harness.OPENAI, "my_secret_password", "secure_password_2024", "Pg-FAKE-pass-2024");
        findings.forEach(f -> assertThat(f.remediation()).isNotBlank());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixedConfigYieldsNothing(String fixture) throws Exception {
        assertThat(audit(fixture, "fixed")).isEmpty();
    }

    @Test
    void examplesInTheRepositoryAreTheFixtures() throws Exception {
        Path examples = Path.of("..", "examples", "configs");
        Assumptions.assumeTrue(Files.isDirectory(examples), "not run from the source tree");
        for (String fixture : fixtures().toList()) {
            for (String variant : List.of("insecure", "fixed")) {
                Path dir = root().resolve(fixture).resolve(variant);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Path copy = examples.resolve(variant).resolve(fixture).resolve(dir.relativize(f).toString());
                        assertThat(copy).as("examples/configs copy of " + fixture + "/" + variant).hasSameTextualContentAs(f);
                    }
                }
            }
        }
    }

    @Test
    void setCoversAtLeastTenServersAndEveryConfigRule() throws Exception {
        List<String> names = fixtures().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(10);
        Set<String> covered = new TreeSet<>();
        for (String n : names) {
            covered.addAll(Files.readAllLines(root().resolve(n).resolve("expected-rules.txt")));
        }
        assertThat(covered).contains("MCP-SEC-001", "MCP-SEC-002", "MCP-SEC-003", "MCP-CMD-001", "MCP-CMD-002",
                "MCP-FS-001", "MCP-FS-002", "MCP-FS-003", "MCP-FS-005", "MCP-DB-001", "MCP-DB-002", "MCP-NET-001", "MCP-NET-002");
        List<String> insecure = new ArrayList<>();
        names.forEach(n -> insecure.add(n));
        assertThat(insecure).contains("filesystem-root", "github", "postgres", "mysql", "sqlite", "slack",
                "brave-search", "puppeteer", "playwright", "google-maps", "memory", "fetch");
    }
}
