package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.checks.internal.Plaintext.Place;
import dev.mcpsecrets.policy.checks.internal.scan.SecretMatch;
import dev.mcpsecrets.policy.checks.internal.scan.SecretRuleSet;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plaintext secrets in the {@code env}, {@code headers} and URL of MCP server entries, and in the
 * settings, secret references, database URLs and endpoints a server declares about itself.
 *
 * <ul>
 *   <li>{@code MCP-SEC-001}: a value of a known secret format (GitHub, OpenAI, Anthropic, Slack, AWS,
 *       Google, Stripe, Brave, GitLab, npm, private keys, JWTs, passwords in connection strings).</li>
 *   <li>{@code MCP-SEC-002}: a literal value under a credential name ({@code *_TOKEN}, {@code *_KEY},
 *       {@code *_SECRET}, {@code *PASSWORD}, or a variable the server catalog lists as a credential).</li>
 * </ul>
 * Command-line secrets are {@link CommandLineSecretCheck}'s; references are never reported.
 */
public final class PlaintextSecretCheck implements PolicyCheck {
    static final String KNOWN_FORMAT = "MCP-SEC-001";
    static final String NAMED_VALUE = "MCP-SEC-002";

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]");

    private final ConfigSecrets secrets = ConfigSecrets.builtIn();

    @Override
    public String id() {
        return KNOWN_FORMAT;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(KNOWN_FORMAT, NAMED_VALUE);
    }

    @Override
    public String description() {
        return "Plaintext secrets in the env, headers and URLs of MCP server entries";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.SELF, PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.inScope(PolicyScope.SELF)) {
            context.self().ifPresent(self -> declared(self, context, findings));
        }
        if (context.inScope(PolicyScope.CONFIG)) {
            List<Plaintext> all = secrets.find(context);
            for (Plaintext p : all) {
                if (!p.place().onCommandLine()) {
                    findings.add(finding(p, all, context));
                }
            }
        }
        return findings.stream();
    }

    /** Secrets pasted into what the server declares: settings, references, database URLs, endpoints. */
    private static void declared(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
        for (Map.Entry<String, String> e : new TreeMap<>(self.secretReferences()).entrySet()) {
            declaredValue(self, "secretReferences/" + escape(e.getKey()), e.getKey(), e.getValue(), true, context,
                    findings);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(self.settings()).entrySet()) {
            declaredValue(self, "settings/" + escape(e.getKey()), e.getKey(), e.getValue(), false, context, findings);
        }
        for (int i = 0; i < self.databases().size(); i++) {
            declaredValue(self, "databases/" + i, "", self.databases().get(i).url(), false, context, findings);
        }
        for (int i = 0; i < self.endpoints().size(); i++) {
            declaredValue(self, "endpoints/" + i, "", self.endpoints().get(i), false, context, findings);
        }
    }

    private static void declaredValue(SelfDeclaration self, String part, String name, String value,
            boolean reference, PolicyContext context, List<Finding> findings) {
        String v = value.strip();
        if (v.isEmpty() || References.isSchemeReference(v)) {
            return;
        }
        SecretScanner scanner = SecretScanner.builtIn();
        String scanned = name.isEmpty() ? v : lastPart(name) + "=" + v;
        int offset = name.isEmpty() ? 0 : lastPart(name).length() + 1;
        for (SecretMatch m : scanner.scanKnownFormats(scanned)) {
            if (m.start() >= offset) {
                findings.add(declaredFinding(self, part, KNOWN_FORMAT, m.rule().kind(), m.value(scanned), context));
                return;
            }
        }
        boolean otherScheme = reference && SCHEME.matcher(v).lookingAt();
        if (name.isEmpty() || otherScheme || !References.substitutions(v).isEmpty()) {
            return;
        }
        SecretRuleSet rules = scanner.ruleSet();
        if ((reference || rules.isSecretName(lastPart(name))) && rules.isSecretValue(lastPart(name), v)) {
            findings.add(declaredFinding(self, part, NAMED_VALUE, "value of " + name, v, context));
        }
    }

    private static Finding declaredFinding(SelfDeclaration self, String part, String rule, String kind, String value,
            PolicyContext context) {
        boolean known = rule.equals(KNOWN_FORMAT);
        return Finding.builder(rule, known ? Severity.CRITICAL : Severity.HIGH)
                .title(known ? "Plaintext secret in the server's declared settings"
                        : "Plaintext credential value in the server's declared settings")
                .message("Server '" + self.serverName() + "' declares a plaintext " + kind + " ("
                        + Plaintext.Masks.describe(kind, value, context.fingerprinter()) + ") at " + part
                        + "; it ends up in property files, logs and heap dumps")
                .location(SelfDeclaration.location(part))
                .remediation("Rotate this credential first: it has been stored in plain text. Then declare a reference "
                        + "instead of the value, e.g. keychain:" + self.serverName() + "/token, op://Vault/Item/field or "
                        + "env:NAME, and resolve it through Secrets at startup.")
                .fingerprintHint("self:" + part)
                .build();
    }

    private static String lastPart(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static Finding finding(Plaintext p, List<Plaintext> all, PolicyContext context) {
        String rule = p.knownFormat() ? KNOWN_FORMAT : NAMED_VALUE;
        return Finding.builder(rule, p.knownFormat() ? Severity.CRITICAL : Severity.HIGH)
                .title(p.knownFormat() ? "Plaintext secret in MCP config" : "Plaintext credential value in MCP config")
                .message(p.config().client().configName() + " holds a plaintext " + p.kind() + " in the "
                        + p.where() + " (" + p.masked(context.fingerprinter()) + "); anyone who can read the file, "
                        + "its backups or its git history has it")
                .location(p.carrier().location())
                .remediation(remediation(p, all))
                .fingerprintHint(p.kind() + ":" + p.name())
                .build();
    }

    /** Whether the secret is a variable of the entry's env that a launcher sends as a header. */
    private static boolean launcherVariable(Plaintext p) {
        return p.place() == Place.ENV && dev.mcpsecrets.policy.config.LauncherCatalog.builtIn().read(p.server())
                .map(l -> l.headerVariables(p.server()).contains(p.name()) || l.launcher().bearerEnv().contains(p.name()))
                .orElse(false);
    }

    static String remediation(Plaintext p, List<Plaintext> all) {
        String name = p.variableName();
        String ref = Remediation.opReference(p.server(), p.shape(), name);
        String rotate = "Rotate this credential first: it has been stored in plain text. ";
        if (p.place() == Place.LAUNCHER_HEADER || p.place() == Place.LAUNCHER_URL || launcherVariable(p)) {
            return rotate + Remediation.bridgeFix(p, all);
        }
        if (p.place() == Place.HEADER) {
            String env = p.name().equalsIgnoreCase("authorization") ? p.shape().map(s -> s.secretEnv().isEmpty()
                    ? "API_TOKEN" : s.secretEnv().get(0)).orElse("API_TOKEN") : name;
            return rotate + "Write the header as a substitution, e.g. \"" + p.name() + "\": \"Bearer ${" + env
                    + "}\" (VS Code: \"Bearer ${input:" + p.server().name() + "-token}\" with an \"inputs\" entry of "
                    + "type promptString, password: true), and start the client with the variable resolved: "
                    + "mcp-secrets run --env " + env + "=" + ref + " -- <client>. Or, with any client: "
                    + Remediation.bridgeFix(p, all);
        }
        if (p.place() == Place.URL) {
            return rotate + "Take the credential out of the URL and pass it in a variable that holds a reference, "
                    + "e.g. \"" + name + "\": \"" + ref + "\", resolved by mcp-secrets run.";
        }
        List<String> assignment = List.of(name + "=" + ref);
        List<String> command = Remediation.commandWithout(p.server(), p.shape(), all);
        return rotate + "Replace the value with a reference: \"" + name + "\": \"" + ref + "\" (or keychain:"
                + p.server().name() + "/" + Remediation.field(name) + ", dotenv:" + name + "), and start the server "
                + "through mcp-secrets, which resolves it at launch: " + Remediation.runLine(assignment, command)
                + "  — in the config: " + Remediation.runEntry(assignment, command)
                + Remediation.placeholderNote(command);
    }
}
