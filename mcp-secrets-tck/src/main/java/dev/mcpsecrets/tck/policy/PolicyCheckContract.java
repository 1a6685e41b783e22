package dev.mcpsecrets.tck.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.ConfigDiscovery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link PolicyCheck} passes. Extend it in a test, implement
 * {@link #createCheck()} and {@link #contexts(Path)} (realistic inputs, insecure ones included), and
 * list the secret values planted in them in {@link #plantedSecrets()}; the tests and jqwik
 * properties come with it.
 *
 * <p>What it checks: the id and rule ids are valid and stable, every rule has its help text, every
 * finding uses a declared rule id, no exception escapes (on the given inputs, on hostile configs and
 * on a missing home directory), no finding contains a planted or generated secret value, the same
 * input gives the same findings, each run finishes within {@link #timeLimit()}, the check declares
 * its scopes, and a check with {@link PolicyScope#SELF} among them reports on the server's declaration
 * only when that scope is enabled.
 *
 * @since 0.1
 */
public abstract class PolicyCheckContract {
    private static final String RULE_DOCS = "META-INF/mcp-policy/rules/";
    private static final KeyedFingerprinter FINGERPRINTER = KeyedFingerprinter.withKey(new byte[32]);

    /** A temporary directory per test, for the inputs of {@link #contexts(Path)}. */
    @TempDir
    protected Path workDir;

    /** For subclasses. */
    protected PolicyCheckContract() {
    }

    /**
     * A fresh instance of the check.
     *
     * @return the check
     */
    protected abstract PolicyCheck createCheck();

    /**
     * Realistic inputs for the check, including ones it reports findings on.
     *
     * @param dir an empty temporary directory to create homes, projects and files in
     * @return the contexts
     * @throws IOException if the inputs cannot be created
     */
    protected abstract List<PolicyContext> contexts(Path dir) throws IOException;

    /**
     * Secret values that occur in {@link #contexts(Path)} and must never occur in a finding.
     *
     * @return the values; empty by default
     */
    protected List<String> plantedSecrets() {
        return List.of();
    }

    /**
     * How long one run may take on these inputs.
     *
     * @return 10 s by default
     */
    protected Duration timeLimit() {
        return Duration.ofSeconds(10);
    }

    /**
     * A context with a home and project under {@code dir} and the configs found there.
     *
     * @param dir the root of the temporary home ({@code dir/home}) and project ({@code dir/home/project})
     * @return the context
     */
    protected static PolicyContext contextIn(Path dir) {
        FileSystemView view = FileSystemView.of(dir.resolve("home"), dir.resolve("home/project"),
                FileSystemView.OperatingSystem.LINUX, Map.of()).withFingerprintKeyFile(dir.resolve("key/fingerprint.key"));
        return PolicyContext.builder().files(view).configs(ConfigDiscovery.readAll(view)).fingerprinter(FINGERPRINTER)
                .build();
    }

    /**
     * Writes a file, creating its directories.
     *
     * @param file the file
     * @param text its content
     * @throws IOException if writing fails
     */
    protected static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Finding> run(PolicyCheck check, PolicyContext context) {
        return assertTimeoutPreemptively(timeLimit(), () -> {
            try (Stream<Finding> s = check.run(context)) {
                return s.toList();
            }
        }, () -> "check " + check.id() + " did not finish within " + timeLimit());
    }

    @Test
    void idAndRuleIdsAreValidAndStable() {
        PolicyCheck a = createCheck();
        PolicyCheck b = createCheck();
        assertThat(a.id()).matches(Finding.RULE_ID);
        assertThat(a.ruleIds()).isNotEmpty().contains(a.id()).allMatch(r -> Finding.RULE_ID.matcher(r).matches());
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.ruleIds()).isEqualTo(a.ruleIds());
        assertThat(a.description()).isNotBlank();
    }

    @Test
    void scopesAreDeclaredAndStable() {
        PolicyCheck a = createCheck();
        assertThat(a.scopes()).isNotEmpty().doesNotContainNull();
        assertThat(createCheck().scopes()).isEqualTo(a.scopes());
    }

    @Test
    void findingsStayWithinTheEnabledScopes() throws IOException {
        PolicyCheck check = createCheck();
        // a check of another scope may take the declaration as input (a live probe of a declared database)
        Assumptions.assumeTrue(check.scopes().contains(PolicyScope.SELF), "the check has no SELF scope");
        SelfDeclaration declared = SelfDeclaration.named("contract-server").withReadOnly(true)
                .withRoots(List.of(Path.of("/")), List.of(Path.of("/etc")))
                .withDatabase("postgresql://db.example.com/app?sslmode=disable", "postgres")
                .withEndpoints(List.of("http://api.example.com/"));
        for (PolicyContext c : contexts(workDir)) {
            PolicyContext context = c.self().isPresent() ? c : c.toBuilder().self(declared).build();
            List<Finding> selfOnly = run(check, context.toBuilder().scopes(EnumSet.of(PolicyScope.SELF)).build());
            assertThat(selfOnly).as("with only SELF enabled, findings are about the declaration")
                    .allSatisfy(f -> assertThat(f.location().file()).isNull());
            List<Finding> withoutSelf = run(check, context.toBuilder()
                    .scopes(EnumSet.complementOf(EnumSet.of(PolicyScope.SELF))).build());
            assertThat(withoutSelf).as("with SELF disabled, no finding is about the declaration")
                    .noneMatch(f -> f.location().file() == null && f.location().jsonPointer() != null
                            && f.location().jsonPointer().startsWith("/self/"));
        }
    }

    @Test
    void everyRuleHasHelpText() throws IOException {
        PolicyCheck check = createCheck();
        for (String rule : check.ruleIds()) {
            try (InputStream in = check.getClass().getClassLoader().getResourceAsStream(RULE_DOCS + rule + ".md")) {
                assertThat(in).as("resource %s%s.md (from docs/rules/%s.md)", RULE_DOCS, rule, rule).isNotNull();
                String help = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(help).as("help of " + rule).startsWith("# " + rule + ": ");
            }
        }
    }

    @Test
    void givenInputsRunWithoutExceptionsAndFindingsUseDeclaredRules() throws IOException {
        PolicyCheck check = createCheck();
        List<PolicyContext> contexts = contexts(workDir);
        assertThat(contexts).as("contexts(dir)").isNotEmpty();
        int total = 0;
        for (PolicyContext context : contexts) {
            List<Finding> findings = assertDoesNotThrow(() -> run(check, context));
            assertThat(findings).allSatisfy(f -> assertThat(check.ruleIds()).contains(f.ruleId()));
            total += findings.size();
        }
        assertThat(total).as("findings over all contexts: give at least one insecure input").isPositive();
    }

    @Test
    void noPlantedSecretAppearsInAnyFinding() throws IOException {
        PolicyCheck check = createCheck();
        for (PolicyContext context : contexts(workDir)) {
            for (Finding f : run(check, context)) {
                assertNoValue(f, plantedSecrets());
            }
        }
    }

    @Test
    void sameInputGivesSameFindingsInTheSameOrder() throws IOException {
        for (PolicyContext context : contexts(workDir)) {
            List<Finding> first = run(createCheck(), context);
            List<Finding> second = run(createCheck(), context);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void missingHomeAndEmptyContextRaiseNoException() {
        PolicyCheck check = createCheck();
        assertDoesNotThrow(() -> run(check, contextIn(workDir.resolve("does-not-exist"))));
        assertDoesNotThrow(() -> run(check, PolicyContext.builder().files(FileSystemView.of(workDir, workDir,
                FileSystemView.OperatingSystem.LINUX, Map.of())).build()));
    }

    /**
     * Hostile config text (fragments of JSON in random order) written to every client location.
     *
     * @param text the config text
     * @throws IOException if the files cannot be written
     */
    @Property(tries = 40)
    void hostileConfigsRaiseNoException(@ForAll("hostileConfigs") String text) throws IOException {
        Path dir = Files.createTempDirectory("policy-contract");
        try {
            writeEverywhere(dir, text);
            PolicyCheck check = createCheck();
            List<Finding> findings = assertDoesNotThrow(() -> run(check, contextIn(dir)));
            assertThat(findings).allSatisfy(f -> assertThat(check.ruleIds()).contains(f.ruleId()));
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * A generated secret planted in the places configs hold credentials never reaches a finding.
     *
     * @param secret the value
     * @throws IOException if the files cannot be written
     */
    @Property(tries = 40)
    void generatedSecretsNeverAppearInFindings(@ForAll("secrets") String secret) throws IOException {
        Path dir = Files.createTempDirectory("policy-contract");
        try {
            writeEverywhere(dir, """
                    {"mcpServers": {
                      "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
                                 "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "%1$s", "API_KEY": "%1$s"}},
                      "db": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres",
                             "postgresql://admin:%1$s@db.example.com/prod", "--password=%1$s"]},
                      "shell": {"command": "sh", "args": ["-c", "TOKEN=%1$s exec server"]},
                      "remote": {"url": "http://api.example.com/mcp?key=%1$s",
                                 "headers": {"Authorization": "Bearer %1$s"}}
                    }}
                    """.formatted(secret));
            write(dir.resolve("home/.env"), "API_KEY=" + secret + "\n");
            write(dir.resolve("home/.zshrc"), "export GITHUB_TOKEN=" + secret + "\n");
            for (Finding f : run(createCheck(), contextIn(dir))) {
                assertNoValue(f, List.of(secret));
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<String> body = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').ofMinLength(20).ofMaxLength(40);
        return Arbitraries.oneOf(body.map(b -> "ghp_" + b), body.map(b -> "sk-" + b), body.map(b -> "xoxb-" + b),
                body.map(b -> "Zq9" + b));
    }

    @Provide
    Arbitrary<String> hostileConfigs() {
        return Arbitraries.of("{", "}", "[", "]", ",", ":", "\"mcpServers\"", "\"servers\"", "\"env\"", "\"args\"",
                "\"command\"", "\"url\"", "\"headers\"", "\"projects\"", "\"x\"", "\"/\"", "\"~\"", "\"..\"",
                "\"http://0\"", "\"postgresql://root@h/d\"", "1", "-0.5e9", "null", "true", "// c\n", "/* c */",
                "\"\\u0000\"", "\"\\ud800\"", "\"" + "a".repeat(5000) + "\"", "\n", " ")
                .list().ofMaxSize(40).map(l -> String.join("", l));
    }

    private static void writeEverywhere(Path dir, String text) throws IOException {
        Path home = dir.resolve("home");
        Path project = home.resolve("project");
        for (Path p : List.of(home.resolve(".config/Claude/claude_desktop_config.json"), home.resolve(".claude.json"),
                home.resolve(".cursor/mcp.json"), home.resolve(".codeium/windsurf/mcp_config.json"),
                home.resolve(".gemini/settings.json"), project.resolve(".mcp.json"), project.resolve(".vscode/mcp.json"))) {
            write(p, text);
        }
    }

    private static void assertNoValue(Finding f, List<String> values) {
        String all = String.join("\n", f.ruleId(), f.title(), f.message(), f.remediation(), f.help(), f.fingerprint(),
                String.valueOf(f.location()), f.toString());
        for (String v : values) {
            assertThat(all).as("finding %s at %s must not contain a secret value", f.ruleId(), f.location().display())
                    .doesNotContain(v);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
