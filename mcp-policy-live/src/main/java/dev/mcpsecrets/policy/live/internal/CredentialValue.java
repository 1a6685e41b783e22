package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyContext;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a value as written in a config (or declared by a server) into the credential the server would
 * use: a {@code ${VAR}} / {@code $VAR} / {@code ${env:VAR}} placeholder is read from the context's
 * environment, a secret reference ({@code keychain:...}, {@code op://...}) is resolved through the
 * context's {@link Secrets}, anything else is the plaintext value itself.
 */
public final class CredentialValue {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** How a value was written. */
    public enum Kind {
        /** The credential itself, in plain text. */
        PLAINTEXT,
        /** A placeholder read from the environment. */
        ENVIRONMENT,
        /** A secret reference resolved through {@code Secrets}. */
        REFERENCE
    }

    /**
     * The outcome: a secret, or why there is none.
     *
     * @param secret the credential (owned by the caller), or empty
     * @param kind how it was written
     * @param problem why it could not be had (names the variable or reference, never a value), or empty
     * @param fix what to do when the usual advice does not fit (an untrusted config), or empty
     */
    public record Outcome(Optional<Secret> secret, Kind kind, Optional<String> problem, Optional<String> fix) {
        static Outcome of(Secret s, Kind kind) {
            return new Outcome(Optional.of(s), kind, Optional.empty(), Optional.empty());
        }

        static Outcome failed(Kind kind, String why) {
            return new Outcome(Optional.empty(), kind, Optional.of(why), Optional.empty());
        }

        static Outcome untrusted(Kind kind, Path config) {
            return new Outcome(Optional.empty(), kind, Optional.of(config + " is a project config you have not "
                    + "trusted, so the audit does not resolve the variables and secrets it names (a cloned "
                    + "repository must not choose which of your secrets a probe sends)"),
                    Optional.of("Review " + config + "; if you trust it, run: mcp-secrets trust " + config
                            + " (a program lists it in PolicyContext.Builder.trustedConfigs), then run the audit again."));
        }

        /**
         * What the user should do about a failure.
         *
         * @param otherwise the advice when the value is simply unavailable
         * @return the advice
         */
        String remediation(String otherwise) {
            return fix.orElse(otherwise);
        }
    }

    private CredentialValue() {
    }

    /**
     * Resolves a value. Placeholders and references are resolved only where the context allows it
     * ({@link PolicyContext#mayResolveNamedValuesAt(Location)}): a project config the user has not
     * trusted gets an untrusted outcome instead, and nothing is read.
     *
     * @param context the context (environment, secrets, trusted configs)
     * @param written the value as written
     * @param where where it is written
     * @return the outcome
     */
    public static Outcome resolve(PolicyContext context, String written, Location where) {
        Optional<Outcome> refused = refusal(context, written, where);
        if (refused.isPresent()) {
            return refused.get();
        }
        String text = written.strip();
        Matcher m = PLACEHOLDER.matcher(text);
        if (m.matches()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = context.environment().get(name);
            if (value == null || value.isEmpty()) {
                return Outcome.failed(Kind.ENVIRONMENT, "environment variable " + name + " is not set");
            }
            return Outcome.of(Secret.of(value).withOrigin("environment variable " + name), Kind.ENVIRONMENT);
        }
        if (text.contains("$(") || text.contains("`") || text.contains("${")) {
            return Outcome.failed(Kind.ENVIRONMENT, "the value is computed by the shell (command substitution or "
                    + "expansion), which the audit does not run");
        }
        Set<String> schemes = context.secrets().map(Secrets::knownSchemes).orElse(SecretRef.WELL_KNOWN_SCHEMES);
        if (SecretRef.isReferenceExpression(text, schemes)) {
            Optional<Secrets> secrets = context.secrets();
            if (secrets.isEmpty()) {
                return Outcome.failed(Kind.REFERENCE, "no secrets facade is configured to resolve " + text);
            }
            try {
                return Outcome.of(secrets.get().resolve(text), Kind.REFERENCE);
            } catch (SecretException e) {
                return Outcome.failed(Kind.REFERENCE, "reference " + text + " could not be resolved (" + e.reason() + ")");
            }
        }
        return Outcome.of(Secret.of(text), Kind.PLAINTEXT);
    }

    /**
     * The untrusted outcome, if the value names a variable or secret at a place whose names may not be
     * resolved; empty when it may be resolved or names nothing. Nothing is read either way.
     *
     * @param context the context
     * @param written the value as written
     * @param where where it is written
     * @return the refusal, or empty
     */
    public static Optional<Outcome> refusal(PolicyContext context, String written, Location where) {
        if (context.mayResolveNamedValuesAt(where)) {
            return Optional.empty();
        }
        String text = written.strip();
        if (PLACEHOLDER.matcher(text).matches()) {
            return Optional.of(Outcome.untrusted(Kind.ENVIRONMENT, where.file()));
        }
        Set<String> schemes = context.secrets().map(Secrets::knownSchemes).orElse(SecretRef.WELL_KNOWN_SCHEMES);
        return SecretRef.isReferenceExpression(text, schemes) ? Optional.of(Outcome.untrusted(Kind.REFERENCE, where.file()))
                : Optional.empty();
    }
}
