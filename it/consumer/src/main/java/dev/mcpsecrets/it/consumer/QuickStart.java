package dev.mcpsecrets.it.consumer;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;

/**
 * The README's quick start, as written there, with its placeholder ({@code github}) filled; then a
 * {@code dotenv:} reference, which only the dotenv provider found on the class or module path resolves.
 * Prints what was resolved (provider and length), never a value.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Stands in for the README's {@code github} client: it only counts what it was given. */
    static final class GitHubClient {
        private int connectedWith;

        void connect(char[] token) {
            connectedWith = token.length;
        }
    }

    /**
     * Runs the quick start.
     *
     * @param args one argument: a .env file with CONSUMER_TOKEN
     * @throws SecretException if a reference cannot be resolved
     */
    public static void main(String[] args) throws SecretException {
        GitHubClient github = new GitHubClient();
        try (Secrets secrets = Secrets.builder().build()) {                       // discovers every provider
            Secret token = secrets.resolve("keychain:github-mcp/token || env:GITHUB_TOKEN");
            char[] value = token.revealChars();                                    // the only way to the value
            try { github.connect(value); } finally { java.util.Arrays.fill(value, '\0'); token.destroy(); }
        }
        System.out.println("quick start: connected with a token of " + github.connectedWith + " characters");
        try (Secrets secrets = Secrets.builder().build()) {
            Secret fromFile = secrets.resolve("dotenv:" + args[0] + "#CONSUMER_TOKEN");
            System.out.println("dotenv: " + fromFile.providerId().orElse("?") + ", " + fromFile.length() + " characters");
            fromFile.destroy();
        }
    }
}
