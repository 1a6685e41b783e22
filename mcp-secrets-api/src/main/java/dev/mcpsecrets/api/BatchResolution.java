package dev.mcpsecrets.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code resolveAll}: cached names first, then one batch per provider that batches, then the rest
 * one by one through the full fallback chain. Only a {@link BatchingSecretProvider} is sent batches. All or nothing.
 */
final class BatchResolution {
    private final SecretCache cache;
    private final Resolver resolver;
    private final Calls calls;
    private final Duration timeout;
    private final AuditLog audit;

    /**
     * Creates a batch.
     *
     * @param resolver the facade's resolver, with its cache, deadline runner, timeout (also the limit of
     *     the whole batch) and known schemes
     */
    public BatchResolution(Resolver resolver) {
        this.resolver = resolver;
        this.cache = resolver.cache();
        this.calls = resolver.calls();
        this.timeout = resolver.timeout();
        this.audit = resolver.audit();
    }

    /**
     * Resolves every name.
     *
     * @param nameToExpression names and their reference expressions
     * @return secrets by name, owned by the caller
     * @throws ResolveAllException listing every name that failed
     */
    public Map<String, Secret> run(Map<String, String> nameToExpression) throws ResolveAllException {
        Map<String, Secret> out = new LinkedHashMap<>();
        Map<String, SecretException> failures = new LinkedHashMap<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : nameToExpression.entrySet()) {
            String key = e.getValue().strip();
            try {
                List<SecretRef> alternatives = SecretRef.parseAlternatives(key, resolver.knownSchemes());
                Secret hit = cache.getIfPresent(key);
                if (hit != null) {
                    out.put(e.getKey(), hit);
                } else {
                    pending.put(e.getKey(), new Pending(key, alternatives));
                }
            } catch (MalformedRefException ex) {
                failures.put(e.getKey(), ex);
            }
        }
        ResolveContext ctx = resolver.newContext();
        Map<String, SecretException> batchFailures = new LinkedHashMap<>();
        Map<String, Secret> batched = batchFirstAlternatives(pending, ctx, batchFailures);
        try {
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                Pending p = e.getValue();
                try {
                    Secret fromBatch = batched.get(p.key);
                    if (fromBatch != null) {
                        out.put(e.getKey(), fromBatch.copy());
                        continue;
                    }
                    List<SecretRef> left = p.alternatives;
                    SecretException batchFailure = batchFailures.get(p.key);
                    if (batchFailure != null) {
                        // the backend already refused the whole batch: asking it again per reference
                        // would only spend quota; go on with the remaining alternatives
                        if (left.size() == 1) {
                            throw batchFailure;
                        }
                        left = left.subList(1, left.size());
                    }
                    Duration wait = ctx.remaining().isZero() ? Duration.ofMillis(1) : ctx.remaining();
                    out.put(e.getKey(), cache.get(p.key, wait, resolver.loader(p.key, left, ctx)));
                } catch (SecretException ex) {
                    failures.put(e.getKey(), ex);
                }
            }
        } finally {
            for (Secret s : batched.values()) {
                s.destroy();
            }
        }
        if (!failures.isEmpty()) {
            for (Secret s : out.values()) {
                s.destroy();
            }
            throw new ResolveAllException(failures, nameToExpression.size());
        }
        return out;
    }

    private record Pending(String key, List<SecretRef> alternatives) {
    }

    /**
     * Sends the first alternative of pending names to providers that batch.
     *
     * @param failures receives, by expression key, the failure of a whole batch that retrying each
     *     reference with the same provider would not cure (anything but NOT_FOUND)
     * @return secrets by expression key (owned here; the caller destroys them); also put in the cache
     */
    private Map<String, Secret> batchFirstAlternatives(Map<String, Pending> pending, ResolveContext ctx,
            Map<String, SecretException> failures) {
        Map<SecretProvider, Map<SecretRef, List<String>>> groups = new LinkedHashMap<>();
        for (Pending p : pending.values()) {
            SecretRef first = p.alternatives.get(0);
            SecretProvider provider = resolver.firstAvailable(first, ctx);
            if (provider instanceof BatchingSecretProvider) {
                // plain map code rather than computeIfAbsent lambdas: resolveAll often runs while a
                // server starts, where a first lambda bootstrap costs milliseconds
                Map<SecretRef, List<String>> byRef = groups.get(provider);
                if (byRef == null) {
                    byRef = new LinkedHashMap<>();
                    groups.put(provider, byRef);
                }
                List<String> keys = byRef.get(first);
                if (keys == null) {
                    keys = new ArrayList<>();
                    byRef.put(first, keys);
                }
                keys.add(p.key);
            }
        }
        Map<String, Secret> byKey = new LinkedHashMap<>();
        for (Map.Entry<SecretProvider, Map<SecretRef, List<String>>> group : groups.entrySet()) {
            SecretProvider provider = group.getKey();
            Map<SecretRef, List<String>> refs = group.getValue();
            if (refs.size() < 2) {
                continue;
            }
            long start = System.nanoTime();
            Map<SecretRef, Secret> resolved;
            try {
                resolved = calls.resolveAll(provider, List.copyOf(refs.keySet()), ctx);
            } catch (SecretException batchFailed) {
                if (batchFailed.reason() != Reason.NOT_FOUND) {
                    for (List<String> keys : refs.values()) {
                        for (String key : keys) {
                            failures.put(key, batchFailed);
                        }
                    }
                }
                // on NOT_FOUND each reference is retried alone below, which tells which one is missing
                continue;
            }
            long took = System.nanoTime() - start;
            for (Map.Entry<SecretRef, Secret> r : resolved.entrySet()) {
                List<String> keys = refs.get(r.getKey());
                if (r.getValue() == null) {
                    continue;
                }
                if (keys == null) {
                    r.getValue().destroy(); // not asked for: nobody else would ever zero it
                    continue;
                }
                Secret tagged = r.getValue().withSource(r.getKey(), provider.id());
                r.getValue().destroy();
                audit.resolved(r.getKey(), provider.id(), false, took);
                for (String key : keys) {
                    if (!byKey.containsKey(key)) {
                        byKey.put(key, tagged.copy());
                        cache.put(key, tagged.copy());
                    }
                }
                tagged.destroy();
            }
        }
        return byKey;
    }
}
