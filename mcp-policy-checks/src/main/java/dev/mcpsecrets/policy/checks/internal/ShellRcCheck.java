package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.checks.internal.scan.SecretMatch;
import dev.mcpsecrets.policy.checks.internal.scan.SecretRuleSet;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secrets in shell startup files ({@code ~/.zshrc}, {@code ~/.bashrc}, {@code ~/.profile} …).
 *
 * <ul>
 *   <li>{@code MCP-SHELL-001}: {@code export TOKEN=…} of a plaintext secret (known format, or a
 *       literal under a credential name): the file is backed up, synced, shared as dotfiles, and the
 *       variable reaches every program started from the shell.</li>
 *   <li>{@code MCP-SHELL-002}: {@code export $(cat .env | xargs)} and the like: every secret of the file
 *       goes to every process, and values with spaces or quotes break or get split.</li>
 * </ul>
 */
public final class ShellRcCheck implements PolicyCheck {
    static final String PLAINTEXT_EXPORT = "MCP-SHELL-001";
    static final String EXPORT_ALL = "MCP-SHELL-002";
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:export\\s+|set\\s+(?:-[a-zA-Z]+\\s+)*)?([A-Za-z_][A-Za-z0-9_]*)(?:=|\\s+(?=\\S))(.*)$");
    private static final Pattern EXPORT_XARGS = Pattern.compile(
            "export\\s+\"?\\$\\((?:[^()\\n]|\\([^()\\n]*\\)){0,300}?xargs[^)\\n]{0,100}\\)");
    private static final Pattern SET_A_SOURCE = Pattern.compile("set\\s+-a\\b.{0,40}?(?:source|\\.)\\s+\\S*\\.env");
    private final SecretScanner scanner = SecretScanner.builtIn();

    @Override
    public String id() {
        return PLAINTEXT_EXPORT;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(PLAINTEXT_EXPORT, EXPORT_ALL);
    }

    @Override
    public String description() {
        return "Plaintext secret exports and export-everything patterns in shell rc files";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Path rc : SecretFiles.rcFiles(context.files())) {
            List<String> lines;
            try {
                // a pipe or device in place of an rc file is skipped unread; at most the config limit is read
                lines = new String(BoundedFiles.read(rc, FileLimits.MAX_CONFIG_BYTES), StandardCharsets.UTF_8).lines()
                        .toList();
            } catch (IOException | SecurityException e) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                line(rc, i + 1, lines.get(i), context, findings);
            }
        }
        return findings.stream();
    }

    private void line(Path rc, int number, String line, PolicyContext context, List<Finding> findings) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
            return;
        }
        FileSystemView view = context.files();
        Matcher all = EXPORT_XARGS.matcher(line);
        Matcher setA = SET_A_SOURCE.matcher(line);
        boolean exportsAll = all.find();
        if (exportsAll || setA.find()) {
            int col = (exportsAll ? all.start() : setA.start()) + 1;
            findings.add(Finding.builder(EXPORT_ALL, Severity.MEDIUM)
                    .title("Shell exports a whole secrets file")
                    .message(view.display(rc) + " line " + number + " exports every variable of a .env file into every "
                            + "shell and every program started from it, all MCP servers included; values with spaces, "
                            + "quotes or '#' are split or cut")
                    .location(Location.of(rc, number, Math.max(1, col)))
                    .remediation("Delete the line. Give each server only its own secrets, resolved at launch: in the "
                            + "MCP config, \"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", "
                            + "\"BRAVE_API_KEY=dotenv:BRAVE_API_KEY\", \"--\", \"npx\", \"-y\", "
                            + "\"@modelcontextprotocol/server-brave-search\"] (dotenv: reads .env.$CLAUDE_ENV first).")
                    .fingerprintHint("export-all:" + trimmed)
                    .build());
            return;
        }
        Matcher m = ASSIGNMENT.matcher(line);
        String literal = References.blankSubstitutions(line);
        List<SecretMatch> known = scanner.scanKnownFormats(literal);
        if (!known.isEmpty()) {
            SecretMatch first = known.get(0);
            String name = m.matches() ? m.group(1) : "";
            findings.add(finding(rc, number, first.start() + 1, name, first.rule().kind(), first.value(literal),
                    context));
            return;
        }
        if (!m.matches()) {
            return;
        }
        String name = m.group(1);
        String value = unquote(m.group(2));
        String valueLiteral = References.literalPart(value).strip();
        SecretRuleSet rules = scanner.ruleSet();
        if (valueLiteral.equals(value.strip()) && rules.isSecretName(name) && rules.isSecretValue(name, valueLiteral)) {
            findings.add(finding(rc, number, m.start(2) + 1, name, "value of " + name, valueLiteral, context));
        }
    }

    private static String unquote(String raw) {
        String v = raw.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            int close = v.indexOf(v.charAt(0), 1);
            return close > 0 ? v.substring(1, close) : v.substring(1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment) : v;
    }

    private static Finding finding(Path rc, int line, int column, String name, String kind, String value,
            PolicyContext context) {
        String var = name.isEmpty() ? "the secret" : name;
        String service = name.isEmpty() ? "mcp-secret" : name.toLowerCase(java.util.Locale.ROOT);
        return Finding.builder(PLAINTEXT_EXPORT, Severity.HIGH)
                .title("Plaintext secret in a shell startup file")
                .message(context.files().display(rc) + " line " + line + " sets " + var + " to a plaintext " + kind + " ("
                        + Plaintext.Masks.describe(kind, value, context.fingerprinter()) + "); dotfiles are backed up, "
                        + "synced and shared, and every program you start inherits it")
                .location(Location.of(rc, line, column))
                .remediation("Move it to the keychain or 1Password and delete the line: security add-generic-password -a "
                        + "\"$USER\" -s " + service + " -w  (or op item create …), then reference it where it is used, "
                        + "e.g. mcp-secrets run --env " + (name.isEmpty() ? "NAME" : name) + "=keychain:" + service
                        + " -- <server command>")
                .fingerprintHint(name.isEmpty() ? kind : name)
                .build();
    }
}
