package dev.mcpsecrets.api.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.BuiltInProviders;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers {@link BuiltInProviders#environment()} ({@code env:NAME}) for the service loader, which needs a public
 * class with a public no-argument constructor. The implementation is package-private in the API
 * package, so that package never depends on this one; this class only forwards to it, and discovery in
 * the facade takes the implementation from {@link #get()} instead of calling through it. (The two
 * registrations do not share a base class: discovery runs at every server start, where each class
 * loaded costs start-up time.)
 */
public final class EnvironmentProvider implements SecretProvider, Supplier<SecretProvider> {
    private final SecretProvider target = BuiltInProviders.environment();

    /** For {@link java.util.ServiceLoader}. */
    public EnvironmentProvider() {
    }

    /** The implementation this registration stands for. */
    @Override
    public SecretProvider get() {
        return target;
    }

    @Override
    public String id() {
        return target.id();
    }

    @Override
    public Set<String> schemes() {
        return target.schemes();
    }

    @Override
    public boolean supports(SecretRef ref) {
        return target.supports(ref);
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        return target.resolve(ref, ctx);
    }

    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx)
            throws SecretException {
        return target.resolveAll(refs, ctx);
    }

    @Override
    public int priority() {
        return target.priority();
    }

    @Override
    public Availability availability() {
        return target.availability();
    }

    @Override
    public Availability availability(ResolveContext ctx) {
        return target.availability(ctx);
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
