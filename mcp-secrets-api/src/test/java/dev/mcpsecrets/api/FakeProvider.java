package dev.mcpsecrets.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A scriptable provider for facade tests: values by body, counts calls, optional delay and failures. */
class FakeProvider implements SecretProvider {
    final AtomicInteger resolveCalls = new AtomicInteger();
    final AtomicInteger batchCalls = new AtomicInteger();
    final Map<String, String> values = new LinkedHashMap<>();
    private final String id;
    private final String scheme;
    private final int priority;
    volatile long delayMillis;
    volatile Availability availability = Availability.available("fake");
    volatile Reason failWith;
    volatile Reason batchFailWith;
    volatile boolean finished;

    FakeProvider(String id, String scheme, int priority) {
        this.id = id;
        this.scheme = scheme;
        this.priority = priority;
    }

    /** The same fake, declared as a {@link BatchingSecretProvider}. */
    static class Batching extends FakeProvider implements BatchingSecretProvider {
        Batching(String id, String scheme, int priority) {
            super(id, scheme, priority);
        }
    }

    FakeProvider with(String body, String value) {
        values.put(body, value);
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        resolveCalls.incrementAndGet();
        pause();
        return lookup(ref);
    }

    /**
     * A batch as a batching backend answers it. Only {@link Batching} declares itself batching; the
     * plain fake keeps this override to show that an override alone does not make a provider batch.
     */
    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        batchCalls.incrementAndGet();
        pause();
        if (batchFailWith != null) {
            throw new SecretException(batchFailWith, null, "scripted batch failure");
        }
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        for (SecretRef ref : refs) {
            if (values.containsKey(ref.body())) {
                out.put(ref, Secret.of(values.get(ref.body())));
            }
        }
        return out;
    }

    private Secret lookup(SecretRef ref) throws SecretException {
        if (failWith != null) {
            throw new SecretException(failWith, ref.format(), "scripted failure");
        }
        String v = values.get(ref.body());
        if (v == null) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no " + ref.body());
        }
        return Secret.of(v);
    }

    private void pause() {
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
