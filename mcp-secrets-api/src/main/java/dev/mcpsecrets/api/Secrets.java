package dev.mcpsecrets.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The entry point: resolves reference expressions through the discovered providers, with a TTL cache,
 * single flight and a per-resolve deadline.
 *
 * <pre>{@code
 * try (Secrets secrets = Secrets.builder().build()) {
 *     Secret token = secrets.resolve("keychain:github-mcp/token || env:GITHUB_TOKEN");
 * }
 * }</pre>
 *
 * <p>Instances are immutable once built and safe for concurrent use. {@link #close()} destroys the
 * cached values and closes providers that hold resources.
 *
 * @since 0.1
 */
public final class Secrets implements AutoCloseable {
    private final List<SecretProvider> providers;
    private final Profile profile;
    private final Duration timeout;
    private final Duration cacheTtl;
    private final Map<String, String> environment;
    private final Set<String> forbidden;
    /** Told about every value handed out, or {@code null}. */
    private final SecretMasker masker;
    /**
     * The cache, deadline workers and provider chain, created by the first call that needs them:
     * {@code build()} runs while a server starts, where every class loaded is paid in start-up time,
     * and a server that resolves later (on its first tool call) should not pay for it up front.
     */
    private volatile Resolver resolver;
    private volatile boolean closed;

    private Secrets(Builder b, List<SecretProvider> providers) {
        this.providers = providers;
        this.profile = b.profile != null ? b.profile : Profile.fromEnvironment(b.environment, b.frameworkProfile);
        this.timeout = b.timeout;
        this.cacheTtl = b.cacheTtl;
        this.environment = b.environment;
        this.forbidden = b.forbidden.getOrDefault(profile, Set.of());
        this.masker = b.masker;
    }

    private Resolver resolver() {
        Resolver r = resolver;
        if (r == null || closed) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("this Secrets instance is closed; build a new one");
                }
                r = resolver;
                if (r == null) {
                    r = new Resolver(providers, profile, environment, timeout, cacheTtl, forbidden);
                    resolver = r;
                }
            }
        }
        return r;
    }

    /**
     * A builder with discovery on, the process environment, the profile from the environment, a
     * 10 second timeout and a 5 minute cache.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves a reference expression such as {@code keychain:gh/token || env:GITHUB_TOKEN}.
     *
     * @param expression one reference or alternatives separated by {@code ||}
     * @return the secret, owned by the caller (destroy it when done)
     * @throws MalformedRefException if the expression is malformed or names an unknown scheme
     * @throws SecretException if no alternative could be had; the reason says why
     */
    public Secret resolve(String expression) throws SecretException {
        Objects.requireNonNull(expression, "expression");
        String key = expression.strip();
        Resolver r = resolver();
        Secret hit = r.cache().getIfPresent(key);
        if (hit != null) {
            return masked(key, hit);
        }
        List<SecretRef> alternatives = parse(key);
        return masked(key, r.cache().get(key, timeout, r.loader(key, alternatives)));
    }

    /** Registers a value handed out with the masker, under the reference that produced it. */
    private Secret masked(String expression, Secret secret) {
        if (masker != null) {
            masker.register(secret.source().map(SecretRef::format).orElse(expression), secret);
        }
        return secret;
    }

    /**
     * Resolves one parsed reference.
     *
     * @param ref the reference
     * @return the secret, owned by the caller
     * @throws SecretException if it could not be had
     */
    public Secret resolve(SecretRef ref) throws SecretException {
        Objects.requireNonNull(ref, "ref");
        return resolve(ref.format());
    }

    /**
     * Resolves many expressions at once, for example the environment of a server to launch. References
     * to one provider go to it as one batch (one {@code op inject} run, one HTTP fetch per item).
     * All or nothing: if any fails, the ones already resolved are destroyed and the exception lists
     * every failing name with its reference and reason.
     *
     * @param nameToExpression e.g. {@code GITHUB_TOKEN -> op://Private/GitHub/token}
     * @return secrets by name, in the iteration order of the argument
     * @throws ResolveAllException if any could not be had; {@link ResolveAllException#failures()} tells
     *     which names and why
     */
    public Map<String, Secret> resolveAll(Map<String, String> nameToExpression) throws ResolveAllException {
        Objects.requireNonNull(nameToExpression, "nameToExpression");
        Map<String, Secret> resolved = new BatchResolution(resolver()).run(nameToExpression);
        if (masker != null) {
            resolved.forEach(masker::register);
        }
        return resolved;
    }

    /**
     * Parses an expression against the schemes known to this instance.
     *
     * @param expression one reference or alternatives separated by {@code ||}
     * @return the alternatives
     * @throws MalformedRefException if it is malformed or names an unknown scheme
     */
    public List<SecretRef> parse(String expression) throws MalformedRefException {
        return SecretRef.parseAlternatives(expression, resolver().knownSchemes());
    }

    /**
     * The providers in resolution order with their current availability.
     *
     * @return one status per provider
     */
    public List<ProviderStatus> providers() {
        List<ProviderStatus> out = new ArrayList<>(providers.size());
        ResolveContext ctx = resolver().newContext();
        for (SecretProvider p : providers) {
            out.add(new ProviderStatus(p.id(), p.priority(), p.schemes(), Calls.availabilitySafely(p, ctx),
                    p.getClass().getName()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The schemes some provider claims, plus this project's well-known ones.
     *
     * @return the schemes
     */
    public Set<String> knownSchemes() {
        return resolver().knownSchemes();
    }

    /**
     * The profile in effect.
     *
     * @return the profile
     */
    public Profile profile() {
        return profile;
    }

    /** Drops and destroys every cached value; the next resolve asks the providers again. */
    public void invalidate() {
        Resolver r = resolver;
        if (r != null) {
            r.cache().clear();
        }
    }

    /**
     * Destroys cached values, closes providers that are {@link AutoCloseable}, stops worker threads.
     * Afterwards {@code resolve}, {@code resolveAll}, {@code parse}, {@code providers} and
     * {@code knownSchemes} throw {@link IllegalStateException}; closing again does nothing.
     */
    @Override
    public void close() {
        Resolver r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = resolver;
        }
        if (r != null) {
            r.cache().clear();
            r.calls().close();
        }
        for (SecretProvider p : providers) {
            if (p instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(Secrets.class)
                            .warn("closing provider {} failed: {}", p.id(), e.getClass().getName());
                }
            }
        }
    }

    @Override
    public String toString() {
        List<String> ids = new ArrayList<>();
        for (SecretProvider p : providers) {
            ids.add(p.id());
        }
        return "Secrets[profile=" + profile + ", providers=" + ids + "]";
    }

    /**
     * Configures a {@link Secrets} instance. Validates each setting when it is made.
     *
     * @since 0.1
     */
    public static final class Builder {
        private boolean autoDiscovery = true;
        private ClassLoader classLoader;
        private final List<SecretProvider> explicit = new ArrayList<>();
        private Profile profile;
        private String frameworkProfile;
        private Map<String, String> environment = System.getenv();
        private Duration timeout = Duration.ofSeconds(10);
        private Duration cacheTtl = Duration.ofMinutes(5);
        private final Map<Profile, Set<String>> forbidden = new HashMap<>();
        private SecretMasker masker;

        private Builder() {
        }

        /**
         * A masker to tell about every value this instance hands out ({@code resolve}: under the reference
         * that resolved it, {@code resolveAll}: under its name), so that the value is masked in what the
         * server prints for as long as the returned secret lives. Default: none.
         *
         * @param masker the masker, shared with the server's logging or output
         * @return this builder
         * @since 0.2.0
         */
        public Builder masker(SecretMasker masker) {
            this.masker = Objects.requireNonNull(masker, "masker");
            return this;
        }

        /**
         * Forbids a source outright in one profile, e.g. {@code forbidSchemes(Profile.PRODUCTION, "dotenv", "file")}:
         * such references then fail with {@link Reason#DENIED} (and fallbacks are tried).
         *
         * @param profile the profile the rule applies to
         * @param schemes the schemes to forbid
         * @return this builder
         */
        public Builder forbidSchemes(Profile profile, String... schemes) {
            Objects.requireNonNull(profile, "profile");
            Set<String> set = new HashSet<>(forbidden.getOrDefault(profile, Set.of()));
            for (String s : schemes) {
                set.add(Objects.requireNonNull(s, "scheme"));
            }
            forbidden.put(profile, Set.copyOf(set));
            return this;
        }

        /**
         * Whether to find providers with {@link java.util.ServiceLoader} (default on). Off, only the
         * providers added explicitly are used (see {@link BuiltInProviders}).
         *
         * @param enabled whether to discover
         * @return this builder
         */
        public Builder autoDiscovery(boolean enabled) {
            this.autoDiscovery = enabled;
            return this;
        }

        /**
         * The class loader to discover providers with (default: the module layer / context loader).
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Adds a provider. Explicit providers win over discovered ones with the same id.
         *
         * @param provider the provider
         * @return this builder
         * @throws IllegalArgumentException if it has no id or another explicit provider has the same id
         */
        public Builder addProvider(SecretProvider provider) {
            Objects.requireNonNull(provider, "provider");
            String id = provider.id();
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("provider " + provider.getClass().getName() + " has no id");
            }
            for (SecretProvider p : explicit) {
                if (p.id().equals(id)) {
                    throw new IllegalArgumentException("a provider with id " + id + " was already added");
                }
            }
            explicit.add(provider);
            return this;
        }

        /**
         * Fixes the profile instead of reading it from the environment.
         *
         * @param profile the profile
         * @return this builder
         */
        public Builder profile(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * A framework's active profile (e.g. Spring's), used after {@code MCP_SECRETS_PROFILE} and
         * {@code CLAUDE_ENV}.
         *
         * @param name the profile name, or {@code null}
         * @return this builder
         */
        public Builder frameworkProfile(String name) {
            if (name != null && !name.isBlank()) {
                Profile.of(name);
            }
            this.frameworkProfile = name;
            return this;
        }

        /**
         * The environment variables providers see (default: the process environment).
         *
         * @param environment the variables (copied)
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * The time limit of one resolution, all alternatives included (default 10 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How long resolved values are served from memory (default 5 minutes); zero disables caching.
         * The cache's copy of a value is zeroed by the first {@code resolve} or {@code resolveAll} of
         * this instance, for any expression, after its TTL, and by {@link Secrets#invalidate()} and
         * {@link Secrets#close()}; no thread is started for this. Values handed to callers are their own
         * copies, which the TTL does not touch.
         *
         * @param ttl a duration, zero or positive
         * @return this builder
         */
        public Builder cacheTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("cache TTL must not be negative: " + ttl);
            }
            this.cacheTtl = ttl;
            return this;
        }

        /**
         * Builds the instance. Discovery happens here; no provider does I/O yet.
         *
         * @return the instance
         */
        public Secrets build() {
            List<SecretProvider> discovered = autoDiscovery ? ProviderDiscovery.discover(classLoader) : List.of();
            return new Secrets(this, ProviderDiscovery.merge(List.copyOf(explicit), discovered));
        }
    }
}
