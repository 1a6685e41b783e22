package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.checks.dotenv.internal.EnvironmentSeparationCheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Builds contexts for the offline checks and runs them. */
final class Harness {
    /** Fake tokens: made-up, obviously test data, of the right shapes. */
    static final String GITHUB = "ghp_FAKEfake0123456789abcdefABCDEF012345";
    static final String GITHUB_FINE = "github_pat_FAKE0fake1FAKE2fake3TE_FAKEfake0123456789TESTtestFAKEfake0123456789TESTtestFAKEfak";
    static final String SLACK = "xoxb-1234567890-1234567890123-FAKEfakeTESTtest0123abcd";
    static final String BRAVE = "BSAFAKEfake0123456789TESTtest01";
    static final String GOOGLE = "AIzaFAKEfake0123456789TESTtest012345678";
    static final String STRIPE = "sk_live_FAKEfake0123456789TESTtest";
    static final String GITLAB = "glpat-FAKEfake0123456789ab";
    static final String AWS_ID = "AKIAFAKETEST23456777";
    static final String AWS_SECRET = "FAKEfake0123456789/TESTtest+0123456789ab";
    static final String ANTHROPIC = "sk-ant-api03-FAKEfake0123456789TESTtestFAKEfake0123456789TESTtestFAKEfake0123456789TESTtestFAKEfake0123456AA";
    static final String OPENAI = "sk-proj-FAKEfake0123456789TESTtestFAKEfake0123456789TESTtestFAKEfake0123";
    static final String NPM = "npm_FAKEfake0123456789TESTtest0123456789";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmYWtlLXRlc3QtdXNlciJ9.FAKEfakeSignature0123456789abc";

    static final KeyedFingerprinter FINGERPRINTER = KeyedFingerprinter.withKey(new byte[32]);

    private Harness() {
    }

    /** Every offline check of this package. */
    static List<PolicyCheck> offlineChecks() {
        return List.of(new PlaintextSecretCheck(), new UnresolvedReferenceCheck(), new CommandLineSecretCheck(),
                new FilesystemScopeCheck(), new FilePermissionCheck(), new ShellRcCheck(), new GitIgnoreCheck(),
                new GitHistoryCheck(), new EnvironmentSeparationCheck(), new DatabaseUserCheck(), new RotationCheck(),
                new NetworkCheck(), new ProductionDatabaseCheck(), new ProductionStoreCheck(), new ServerPowerCheck());
    }

    /** A view with home {@code root/home} and project {@code root/home/app}. */
    static FileSystemView view(Path root) {
        return FileSystemView.of(root.resolve("home"), root.resolve("home/app"), FileSystemView.OperatingSystem.LINUX,
                Map.of()).withFingerprintKeyFile(root.resolve("key/fingerprint.key"));
    }

    static McpConfigFile config(Path file, String json) {
        McpClient client = McpClient.guess(file);
        return McpConfigReader.fromDocument(JsonReader.parse(json, file, client.dialect()), client, ConfigScope.USER);
    }

    static PolicyContext.Builder context(FileSystemView view, Map<String, String> env, McpConfigFile... configs) {
        return PolicyContext.builder().files(view).environment(env).configs(List.of(configs))
                .fingerprinter(FINGERPRINTER);
    }

    static List<Finding> run(PolicyCheck check, PolicyContext context) {
        List<Finding> findings = check.run(context).collect(Collectors.toList());
        findings.forEach(f -> assertThat(check.ruleIds()).contains(f.ruleId()));
        return findings;
    }

    static List<Finding> runAll(PolicyContext context) {
        List<Finding> all = new ArrayList<>();
        offlineChecks().forEach(c -> all.addAll(run(c, context)));
        return all;
    }

    static Set<String> ruleIds(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Findings of one server entry (messages name it). */
    static List<Finding> runOn(PolicyCheck check, String json) {
        McpConfigFile cfg = config(Path.of("/nonexistent/claude_desktop_config.json"), json);
        return run(check, context(view(Path.of("/nonexistent")), Map.of("USER", "u"), cfg).build());
    }

    static void write(Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    /** Asserts that no text of the findings holds any of the values. */
    static void assertNoValue(List<Finding> findings, String... values) {
        for (Finding f : findings) {
            String all = String.join("\n", f.title(), f.message(), f.remediation(), f.help(), f.fingerprint(),
                    String.valueOf(f.location()), f.toString());
            for (String v : values) {
                assertThat(all).doesNotContain(v);
                if (v.length() > 12) {
                    assertThat(all).doesNotContain(v.substring(v.length() - 12));
                }
            }
        }
    }
}
