package dev.mcpsecrets.policy.checks.dotenv.internal;

import dev.mcpsecrets.policy.checks.internal.SecretFiles;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.dotenv.DotenvEntry;
import dev.mcpsecrets.dotenv.DotenvParser;
import dev.mcpsecrets.dotenv.DotenvResult;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.checks.internal.scan.SecretRuleSet;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Separation of production from development and staging, for the guide's layout of
 * {@code .env.development}, {@code .env.staging} and {@code .env.production} files (in
 * {@code ~/.claude/secrets}, {@code ~/.config/mcp-secrets} and the project).
 *
 * <ul>
 *   <li>{@code MCP-ENV-001}: production credentials in a plaintext {@code .env} file (allowed when the
 *       file passes the permission checks, but the keychain or 1Password is better).</li>
 *   <li>{@code MCP-ENV-002}: the same credential in production and in development or staging,
 *       compared by keyed hash, never by value.</li>
 * </ul>
 */
public final class EnvironmentSeparationCheck implements PolicyCheck {
    static final String PLAINTEXT_PRODUCTION = "MCP-ENV-001";
    static final String SHARED_CREDENTIAL = "MCP-ENV-002";
    private static final Set<String> PRODUCTION = Set.of("production", "prod");
    private static final DotenvParser PARSER = DotenvParser.builder().strict(false).build();

    @Override
    public String id() {
        return PLAINTEXT_PRODUCTION;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(PLAINTEXT_PRODUCTION, SHARED_CREDENTIAL);
    }

    @Override
    public String description() {
        return "Production credentials in plaintext files or shared with development and staging";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        FileSystemView view = context.files();
        Set<Path> dirs = new LinkedHashSet<>(SecretFiles.secretDirectories(view));
        dirs.add(view.workingDirectory());
        List<Path> production = new ArrayList<>();
        List<Path> other = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path f : SecretFiles.envFiles(dir)) {
                String profile = f.getFileName().toString().equals(".env") ? ""
                        : f.getFileName().toString().substring(5).toLowerCase(Locale.ROOT);
                boolean prod = PRODUCTION.contains(profile) || (profile.isEmpty() && context.profile().isProduction());
                (prod ? production : other).add(f);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Path f : production) {
            findings.add(Finding.builder(PLAINTEXT_PRODUCTION, Severity.MEDIUM)
                    .title("Production credentials in a plaintext file")
                    .message(view.display(f) + " serves production credentials from a plaintext .env file: acceptable "
                            + "only at mode 600 in a 700 directory, and any backup or copy of it leaks production")
                    .location(Location.of(f))
                    .remediation("Keep production secrets in the keychain or 1Password and reference them, e.g. "
                            + "\"MYSQL_PASSWORD\": \"op://Production/MySQL/password\" with mcp-secrets run --profile "
                            + "production; keep .env files for development.")
                    .build());
        }
        Map<String, String> nonProduction = new LinkedHashMap<>();
        for (Path f : other) {
            for (DotenvEntry e : credentials(f, context)) {
                nonProduction.putIfAbsent(fingerprint(e, context), view.display(f) + " (" + e.key() + ")");
            }
        }
        for (Path f : production) {
            for (DotenvEntry e : credentials(f, context)) {
                String seen = nonProduction.get(fingerprint(e, context));
                if (seen != null) {
                    findings.add(shared(view, f, e, seen));
                }
            }
        }
        return findings.stream();
    }

    private static Finding shared(FileSystemView view, Path f, DotenvEntry e, String seen) {
        return Finding.builder(SHARED_CREDENTIAL, Severity.HIGH)
                .title("Production shares a credential with development or staging")
                .message(e.key() + " in " + view.display(f) + " has the same value as " + seen
                        + " (compared by keyed hash): a leak from a laptop or test system opens production")
                .location(Location.of(f, e.line(), e.column()))
                .remediation("Issue a separate production credential (e.g. a dedicated read-only user prod_readonly), "
                        + "rotate the shared one, and keep it only in the production store.")
                .fingerprintHint(e.key())
                .build();
    }

    private static String fingerprint(DotenvEntry e, PolicyContext context) {
        Secret value = e.value();
        return context.fingerprinter().fingerprint(value);
    }

    /** The entries of a file that hold credentials: credential names or known formats. */
    private static List<DotenvEntry> credentials(Path file, PolicyContext context) {
        DotenvResult result;
        try {
            result = PARSER.parse(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        SecretScanner scanner = SecretScanner.builtIn();
        SecretRuleSet rules = scanner.ruleSet();
        List<DotenvEntry> out = new ArrayList<>();
        for (DotenvEntry e : result.entries()) {
            String value = e.value().revealAsString();
            boolean named = rules.isSecretName(e.key()) && rules.isSecretValue(e.key(), value);
            if (named || !scanner.scanKnownFormats(value).isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }
}
