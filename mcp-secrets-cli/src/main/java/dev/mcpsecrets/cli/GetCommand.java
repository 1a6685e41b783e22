package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets get REF}: resolves a reference and says how, without showing the value unless asked. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Resolve a secret reference and report which provider delivered it and its length.",
            "The value is printed only with --reveal."},
        footer = {"", "Examples:",
            "  mcp-secrets get env:GITHUB_TOKEN",
            "  mcp-secrets get file:/run/secrets/db_password",
            "  mcp-secrets get 'keychain:github-mcp/token || env:GITHUB_TOKEN'",
            "  export TOKEN=\"$(mcp-secrets get --reveal op://Private/GitHub/token)\"",
            "", "Exit codes: 0 resolved, 1 could not be had (reason on stderr), 2 malformed reference."})
final class GetCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "Reference, e.g. env:NAME, or alternatives joined by ||.")
    String reference;

    @Option(names = "--reveal", description = "Print the value itself on stdout (nothing else).")
    boolean reveal;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "${COMPLETION-CANDIDATES} (default: MCP_SECRETS_PROFILE, CLAUDE_ENV, development).")
    Profile profile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Override
    public Integer call() throws SecretException {
        if (!(timeoutSeconds > 0)) {
            throw new CliException(Main.USAGE, "--timeout must be positive");
        }
        Duration timeout = Duration.ofMillis((long) Math.ceil(timeoutSeconds * 1000));
        try (Secrets secrets = SecretsFactory.create(environment, profile, timeout)) {
            Secret secret = secrets.resolve(reference);
            try {
                if (reveal) {
                    writeValue(secret);
                } else {
                    spec.commandLine().getOut().println(escape(describe(secret)));
                }
            } finally {
                secret.destroy();
            }
        }
        return Main.OK;
    }

    private void writeValue(Secret secret) {
        PrintWriter out = spec.commandLine().getOut();
        char[] chars = secret.revealChars();
        try {
            out.write(chars);
            // exactly the value when piped; a newline only for a human at a terminal
            if (System.console() != null) {
                out.println();
            }
            out.flush();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static String describe(Secret secret) {
        StringBuilder sb = new StringBuilder("resolved ");
        sb.append(secret.source().map(Object::toString).orElse("?"));
        sb.append(" via ").append(secret.providerId().orElse("?"));
        secret.origin().ifPresent(o -> sb.append(" (").append(o).append(')'));
        sb.append(": ").append(secret.length()).append(secret.length() == 1 ? " character" : " characters");
        return sb.toString();
    }
}
