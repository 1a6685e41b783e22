package dev.mcpsecrets.api;

import dev.mcpsecrets.api.NoSuitableProviderException.Attempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a parsed reference expression through the provider chain: for each alternative, the
 * providers claiming it by priority (the next only when the previous is unavailable); the next
 * alternative on any failure but {@link Reason#MALFORMED}.
 */
final class Resolver {
    private static final Set<Reason> TRY_NEXT_PROVIDER = Set.of(Reason.UNAVAILABLE, Reason.HEADLESS, Reason.LOCKED);

    private final List<SecretProvider> providers;
    private final Profile profile;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final SecretCache cache;
    private final Calls calls;
    private final AuditLog audit;
    private final Set<String> forbiddenSchemes;
    private final Set<String> knownSchemes;

    /**
     * Creates a resolver with its cache and the workers that run provider calls under a deadline.
     *
     * @param providers ordered providers
     * @param profile the profile in effect
     * @param environment environment given to providers: the process environment or a {@code Map.copyOf}
     * @param timeout per-resolve limit
     * @param cacheTtl how long resolved values are kept
     * @param forbiddenSchemes schemes that configuration forbids in this profile
     */
    public Resolver(List<SecretProvider> providers, Profile profile, Map<String, String> environment,
            Duration timeout, Duration cacheTtl, Set<String> forbiddenSchemes) {
        this.providers = providers;
        this.profile = profile;
        // Already unmodifiable (the builder copies what it is given; the process environment is a
        // snapshot), so ResolveContext.of keeps it without copying on every resolution.
        this.environment = environment;
        this.timeout = timeout;
        this.cache = new SecretCache(cacheTtl);
        this.calls = new Calls();
        this.audit = new AuditLog();
        this.forbiddenSchemes = Set.copyOf(forbiddenSchemes);
        Set<String> schemes = new HashSet<>(SecretRef.WELL_KNOWN_SCHEMES);
        for (SecretProvider p : providers) {
            try {
                schemes.addAll(p.schemes());
            } catch (RuntimeException e) {
                // a provider that cannot list its schemes still resolves what it supports
            }
        }
        this.knownSchemes = Set.copyOf(schemes);
    }

    /**
     * The cache of resolved values.
     *
     * @return the cache
     */
    public SecretCache cache() {
        return cache;
    }

    /**
     * Runs provider calls under a deadline.
     *
     * @return the calls
     */
    public Calls calls() {
        return calls;
    }

    /**
     * The per-resolve limit.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Where outcomes are logged.
     *
     * @return the audit log
     */
    public AuditLog audit() {
        return audit;
    }

    /**
     * The schemes some provider claims, plus this project's well-known ones.
     *
     * @return the schemes
     */
    public Set<String> knownSchemes() {
        return knownSchemes;
    }

    /**
     * A fresh context with the configured timeout.
     *
     * @return the context
     */
    public ResolveContext newContext() {
        return ResolveContext.of(profile, timeout, environment);
    }

    /**
     * The providers that claim a reference, in order.
     *
     * @param ref the reference
     * @return the candidates
     */
    public List<SecretProvider> candidates(SecretRef ref) {
        List<SecretProvider> out = new ArrayList<>(2);
        for (SecretProvider p : providers) {
            boolean claims;
            try {
                claims = p.supports(ref);
            } catch (RuntimeException e) {
                claims = false;
            }
            if (claims) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The first claiming provider that says it is available, or {@code null} (also when the
     * scheme is forbidden in this profile).
     *
     * @param ref the reference
     * @param ctx the context the resolution will run in
     * @return the provider, or {@code null}
     */
    public SecretProvider firstAvailable(SecretRef ref, ResolveContext ctx) {
        if (forbiddenSchemes.contains(ref.scheme())) {
            return null;
        }
        for (SecretProvider p : candidates(ref)) {
            if (Calls.availabilitySafely(p, ctx).available()) {
                return p;
            }
        }
        return null;
    }

    /**
     * Resolves an expression.
     *
     * @param expression the original text (for messages)
     * @param alternatives the parsed alternatives
     * @param ctx the deadline for the whole chain
     * @return the secret, tagged with its source and provider
     * @throws SecretException if nothing delivered it
     */
    public Secret resolve(String expression, List<SecretRef> alternatives, ResolveContext ctx) throws SecretException {
        List<Attempt> attempts = new ArrayList<>(2);
        SecretException single = null;
        for (SecretRef ref : alternatives) {
            if (forbiddenSchemes.contains(ref.scheme())) {
                attempts.add(new Attempt(ref.format(), "-", Reason.DENIED, "'" + ref.scheme()
                        + ":' references are forbidden in the " + profile + " profile by configuration"));
                continue;
            }
            List<SecretProvider> candidates = candidates(ref);
            if (candidates.isEmpty()) {
                attempts.add(new Attempt(ref.format(), "-", Reason.UNAVAILABLE,
                        "no provider for scheme '" + ref.scheme() + "' is installed" + moduleHint(ref.scheme())));
                continue;
            }
            for (SecretProvider provider : candidates) {
                var availability = Calls.availabilitySafely(provider, ctx);
                if (!availability.available()) {
                    attempts.add(new Attempt(ref.format(), provider.id(), availability.reason(), availability.detail()));
                    audit.failed(ref, provider.id(), availability.reason(), 0L);
                    continue;
                }
                long start = System.nanoTime();
                try {
                    Secret raw = calls.resolve(provider, ref, ctx);
                    Secret tagged = raw.withSource(ref, provider.id());
                    raw.destroy();
                    audit.resolved(ref, provider.id(), false, System.nanoTime() - start);
                    return tagged;
                } catch (SecretException e) {
                    audit.failed(ref, provider.id(), e.reason(), System.nanoTime() - start);
                    if (e.reason() == Reason.MALFORMED) {
                        throw e;
                    }
                    attempts.add(new Attempt(ref.format(), provider.id(), e.reason(), e.getMessage()));
                    single = e;
                    if (!TRY_NEXT_PROVIDER.contains(e.reason())) {
                        break;
                    }
                }
            }
            if (ctx.isExpired()) {
                break;
            }
        }
        if (attempts.size() == 1 && single != null) {
            throw single;
        }
        throw new NoSuitableProviderException(expression, attempts);
    }

    /**
     * A cache loader that resolves an expression with a fresh context (a plain class: no lambda
     * bootstrap on a server's first resolution).
     *
     * @param expression the expression text
     * @param alternatives its parsed alternatives
     * @return the loader
     */
    public SecretCache.Loader loader(String expression, List<SecretRef> alternatives) {
        return new ExpressionLoader(this, expression, alternatives, null);
    }

    /**
     * A cache loader that resolves an expression within a given context, such as the one deadline of a
     * whole {@code resolveAll}.
     *
     * @param expression the expression text
     * @param alternatives its parsed alternatives
     * @param ctx the context to resolve in
     * @return the loader
     */
    public SecretCache.Loader loader(String expression, List<SecretRef> alternatives, ResolveContext ctx) {
        return new ExpressionLoader(this, expression, alternatives, ctx);
    }

    /** {@code ctx} is null for a fresh context per load. */
    private record ExpressionLoader(Resolver resolver, String expression, List<SecretRef> alternatives,
            ResolveContext ctx) implements SecretCache.Loader {
        @Override
        public Secret load() throws SecretException {
            return resolver.resolve(expression, alternatives, ctx != null ? ctx : resolver.newContext());
        }
    }

    private static String moduleHint(String scheme) {
        switch (scheme) {
            case "dotenv":
                return " (add dev.mcpsecrets:mcp-secrets-dotenv)";
            case "keychain":
                return " (add dev.mcpsecrets:mcp-secrets-keychain)";
            case "op":
                return " (add dev.mcpsecrets:mcp-secrets-onepassword)";
            case "pass":
                return " (add dev.mcpsecrets:mcp-secrets-pass)";
            case "vault":
                return " (add dev.mcpsecrets:mcp-secrets-vault)";
            case "aws-sm":
                return " (add dev.mcpsecrets:mcp-secrets-aws)";
            default:
                return "";
        }
    }
}
