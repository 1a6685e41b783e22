package dev.mcpsecrets.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The environment a server runs in. {@code development}, {@code staging} and {@code production} are
 * the standard profiles ({@code dev}, {@code stg}, {@code prod} are aliases); other names such as
 * {@code test} are allowed and behave like development for safety rules.
 *
 * <p>Chosen by {@link #fromEnvironment(Map, String)}: {@code MCP_SECRETS_PROFILE}, else
 * {@code CLAUDE_ENV}, else a framework's active profile, else {@code development}.
 *
 * @since 0.1
 */
public final class Profile {
    /** Variable read first to choose the profile. */
    public static final String PROFILE_VARIABLE = "MCP_SECRETS_PROFILE";
    /** Variable read second, the convention of many Claude setups. */
    public static final String CLAUDE_ENV_VARIABLE = "CLAUDE_ENV";

    /** The default profile. */
    public static final Profile DEVELOPMENT = new Profile("development");
    /** Staging. */
    public static final Profile STAGING = new Profile("staging");
    /** Production: plaintext files must pass the safety checks to be served. */
    public static final Profile PRODUCTION = new Profile("production");

    private final String name;

    private Profile(String name) {
        this.name = name;
    }

    /**
     * The profile with this name or alias, case-insensitive.
     *
     * @param name a name such as {@code prod}, {@code Production} or {@code test}
     * @return the profile
     * @throws IllegalArgumentException if the name is empty or has characters other than
     *     letters, digits, {@code -} and {@code _}; the message does not repeat the name
     */
    public static Profile of(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "dev":
            case "development":
                return DEVELOPMENT;
            case "stg":
            case "stage":
            case "staging":
                return STAGING;
            case "prod":
            case "production":
                return PRODUCTION;
            default:
                if (n.isEmpty() || !n.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_')) {
                    // the text is not echoed: it may be a value typed in the wrong place
                    throw new IllegalArgumentException("invalid profile name (" + name.length()
                            + " characters, not shown): use development, staging, production or letters, digits, "
                            + "'-' and '_'");
                }
                return new Profile(n);
        }
    }

    /**
     * The profile chosen by the environment: {@code MCP_SECRETS_PROFILE}, else {@code CLAUDE_ENV},
     * else {@code frameworkProfile}, else development. Blank values are skipped.
     *
     * @param environment the process environment
     * @param frameworkProfile e.g. Spring's first active profile, or {@code null}
     * @return the profile
     * @throws IllegalArgumentException if the chosen name is invalid; the message names where it came
     *     from, not the name
     */
    public static Profile fromEnvironment(Map<String, String> environment, String frameworkProfile) {
        Objects.requireNonNull(environment, "environment");
        String[] sources = {PROFILE_VARIABLE, CLAUDE_ENV_VARIABLE, "the framework's active profile"};
        String[] candidates = {environment.get(PROFILE_VARIABLE), environment.get(CLAUDE_ENV_VARIABLE), frameworkProfile};
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i] != null && !candidates[i].isBlank()) {
                try {
                    return of(candidates[i]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(sources[i] + ": " + e.getMessage(), e);
                }
            }
        }
        return DEVELOPMENT;
    }

    /**
     * The profile chosen by the process environment.
     *
     * @return the profile
     */
    public static Profile fromEnvironment() {
        return fromEnvironment(System.getenv(), null);
    }

    /**
     * Canonical lowercase name, e.g. {@code production}; used for {@code .env.<name>}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Whether strict production rules apply.
     *
     * @return {@code true} for production
     */
    public boolean isProduction() {
        return this == PRODUCTION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
