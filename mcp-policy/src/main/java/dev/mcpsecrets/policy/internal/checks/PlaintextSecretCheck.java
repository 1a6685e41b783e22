package dev.mcpsecrets.policy.internal.checks;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.internal.checks.Plaintext.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plaintext secrets in the {@code env}, {@code headers} and URL of MCP server entries.
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
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Plaintext> all = secrets.find(context);
        for (Plaintext p : all) {
            if (!p.place().onCommandLine()) {
                findings.add(finding(p, all, context));
            }
        }
        return findings.stream();
    }

    private static Finding finding(Plaintext p, List<Plaintext> all, PolicyContext context) {
        String rule = p.knownFormat() ? KNOWN_FORMAT : NAMED_VALUE;
        return Finding.builder(rule, p.knownFormat() ? Severity.CRITICAL : Severity.HIGH)
                .title(p.knownFormat() ? "Plaintext secret in MCP config" : "Plaintext credential value in MCP config")
                .message(p.config().client().displayName() + " config holds a plaintext " + p.kind() + " in the "
                        + p.where() + " (" + p.masked(context.fingerprinter()) + "); anyone who can read the file, "
                        + "its backups or its git history has it")
                .location(p.carrier().location())
                .remediation(remediation(p, all))
                .fingerprintHint(p.kind() + ":" + p.name())
                .build();
    }

    static String remediation(Plaintext p, List<Plaintext> all) {
        String name = p.variableName();
        String ref = Remediation.opReference(p.server(), p.shape(), name);
        String rotate = "Rotate this credential first: it has been stored in plain text. ";
        if (p.place() == Place.HEADER) {
            String env = p.name().equalsIgnoreCase("authorization") ? p.shape().map(s -> s.secretEnv().isEmpty()
                    ? "API_TOKEN" : s.secretEnv().get(0)).orElse("API_TOKEN") : name;
            return rotate + "Write the header as a substitution, e.g. \"" + p.name() + "\": \"Bearer ${" + env
                    + "}\" (VS Code: \"Bearer ${input:" + p.server().name() + "-token}\" with an \"inputs\" entry of "
                    + "type promptString, password: true), and start the client with the variable resolved: "
                    + "mcp-secrets run --env " + env + "=" + ref + " -- <client>";
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
