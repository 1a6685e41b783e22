package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.Secrets;

/**
 * A program that resolves one keychain reference through discovery and returns from {@code main}: the
 * JVM must then exit, which it does only if {@code Secrets.close()} released java-keyring's D-Bus threads.
 */
public final class ResolveAndExit {
    private ResolveAndExit() {
    }

    /**
     * Resolves {@code args[0]} and prints the value's length on stdout.
     *
     * @param args the reference
     * @throws Exception if it cannot be resolved
     */
    public static void main(String[] args) throws Exception {
        try (Secrets secrets = Secrets.builder().build()) {
            Secret secret = secrets.resolve(args[0]);
            System.out.println(secret.length());
            secret.destroy();
        }
    }
}
