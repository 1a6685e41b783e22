package dev.mcpsecrets.api;

import java.util.Set;

/** {@code env:NAME}. Reads the resolve context's environment, never blocks. */
final class BuiltInEnvironmentProvider implements SecretProvider {
    /** The provider id. */
    public static final String ID = "mcp-env";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("env");
    }

    @Override
    public boolean supports(SecretRef ref) {
        return "env".equals(ref.scheme());
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        String name = ref.body();
        if (!isVariableName(name)) {
            // not a name, so possibly a value pasted after env: (env:postgresql://app:pw@db): never shown
            throw MalformedRefException.of(ref, ref.scheme().length() + 1,
                    "the part after 'env:' is not an environment variable name "
                    + "(letters, digits and '_', not starting with a digit)");
        }
        String value = ctx.getenv(name);
        if (value == null) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "environment variable " + name + " is not set");
        }
        return Secret.of(value).withOrigin("environment variable " + name);
    }

    @Override
    public Availability availability() {
        return Availability.available("process environment");
    }

    static boolean isVariableName(String s) {
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return ID;
    }
}
