package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What both {@code op://} providers share: identity, the environment for availability, the negative cache. */
abstract class OpProviderBase implements SecretProvider, AutoCloseable {
    private static final Duration NOT_FOUND_TTL = Duration.ofSeconds(30);

    /** The references of a batch that are worth asking for, by their text. */
    record Batch(Map<String, SecretRef> byText, List<OpReference> refs) {
    }

    private final String id;
    private final int priority;
    /** The environment availability is judged from (resolutions use the context's). */
    final Map<String, String> environment;
    /**
     * NOT_FOUND answers remembered for a short time; created on first use, since discovery constructs
     * every provider at server start, whether or not it names an {@code op://} reference.
     */
    private volatile NegativeCache notFound;

    OpProviderBase(String id, int priority, Map<String, String> environment) {
        this.id = id;
        this.priority = priority;
        // The process environment is already an unmodifiable snapshot; copying it entry by entry at
        // discovery would cost start-up time for nothing.
        this.environment = environment == System.getenv() ? environment : Map.copyOf(environment);
    }

    /**
     * The remembered NOT_FOUND answers.
     *
     * @return the cache, created on first call
     */
    final NegativeCache notFound() {
        NegativeCache cache = notFound;
        if (cache == null) {
            synchronized (this) {
                cache = notFound;
                if (cache == null) {
                    cache = new NegativeCache(NOT_FOUND_TTL);
                    notFound = cache;
                }
            }
        }
        return cache;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Set<String> schemes() {
        return Set.of("op");
    }

    @Override
    public final int priority() {
        return priority;
    }

    /**
     * Parses a batch, leaving out malformed references and those remembered as missing: the facade
     * asks for those alone and {@code resolve} says why.
     *
     * @param refs the references
     * @return what to ask the backend for
     */
    final Batch parseBatch(Collection<SecretRef> refs) {
        Map<String, SecretRef> byText = new LinkedHashMap<>();
        List<OpReference> parsed = new ArrayList<>();
        for (SecretRef ref : refs) {
            try {
                OpReference r = OpReference.parse(ref);
                notFound().check(r.text());
                byText.put(r.text(), ref);
                parsed.add(r);
            } catch (SecretException malformedOrMissing) {
                // left out on purpose, see above
            }
        }
        return new Batch(byText, parsed);
    }

    /** Forgets remembered failures and cached state. */
    @Override
    public void close() {
        NegativeCache cache = notFound;
        if (cache != null) {
            cache.clear();
        }
    }

    @Override
    public final String toString() {
        return id;
    }
}
