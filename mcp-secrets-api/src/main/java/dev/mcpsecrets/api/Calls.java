package dev.mcpsecrets.api;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs provider calls under the caller's deadline on daemon threads, so a hung backend costs the
 * caller a {@link Reason#TIMEOUT}, never a hang, and never keeps the JVM alive.
 */
final class Calls implements AutoCloseable {
    private static final AtomicInteger POOL = new AtomicInteger();
    private volatile ExecutorService executor;

    /**
     * Resolves one reference under the context's deadline. The environment provider runs inline:
     * it cannot block.
     *
     * @param provider the provider
     * @param ref the reference
     * @param ctx the context with the deadline
     * @return the secret
     * @throws SecretException the provider's failure, or TIMEOUT
     */
    public Secret resolve(SecretProvider provider, SecretRef ref, ResolveContext ctx) throws SecretException {
        if (provider instanceof BuiltInEnvironmentProvider) {
            return provider.resolve(ref, ctx);
        }
        return underDeadline(provider, ref.format(), ctx, new ResolveOne(provider, ref, ctx));
    }

    /**
     * Resolves a batch under the context's deadline.
     *
     * @param provider the provider
     * @param refs the references
     * @param ctx the context with the deadline
     * @return what was resolved
     * @throws SecretException the provider's failure for the whole batch, or TIMEOUT
     */
    public Map<SecretRef, Secret> resolveAll(SecretProvider provider, Collection<SecretRef> refs, ResolveContext ctx)
            throws SecretException {
        return underDeadline(provider, refs.size() + " references", ctx, new ResolveBatch(provider, refs, ctx));
    }

    /**
     * A provider's availability; a provider that throws is reported unavailable.
     *
     * @param provider the provider
     * @param ctx the context resolutions will see
     * @return its availability
     */
    public static Availability availabilitySafely(SecretProvider provider, ResolveContext ctx) {
        try {
            Availability a = provider.availability(ctx);
            return a != null ? a : Availability.unavailable(Reason.UNAVAILABLE, "provider reported no availability");
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable(Reason.UNAVAILABLE,
                    "availability check failed: " + e.getClass().getSimpleName());
        }
    }

    private <T> T underDeadline(SecretProvider provider, String what, ResolveContext ctx, Callable<T> call)
            throws SecretException {
        if (ctx.isExpired()) {
            throw new SecretException(Reason.TIMEOUT, what, "deadline passed before " + provider.id() + " was asked");
        }
        Future<T> future = executor().submit(new CheckedCall<>(provider, what, call));
        try {
            return future.get(ctx.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SecretException(Reason.TIMEOUT, what,
                    provider.id() + " did not answer within the deadline");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, what, "interrupted while waiting for " + provider.id());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecretException se) {
                throw se;
            }
            throw new SecretException(Reason.UNAVAILABLE, what,
                    provider.id() + " failed: " + (cause == null ? "unknown error" : cause.getClass().getName()));
        }
    }

    /**
     * Runs a provider call, turning unchecked failures into UNAVAILABLE without their messages
     * (a plugin's message could contain anything, including a value).
     */
    private static <T> T checked(SecretProvider provider, String what, Callable<T> call) throws SecretException {
        try {
            T result = call.call();
            if (result == null) {
                throw new SecretException(Reason.UNAVAILABLE, what, provider.id() + " returned nothing");
            }
            return result;
        } catch (SecretException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new SecretException(Reason.UNAVAILABLE, what,
                    provider.id() + " failed with " + e.getClass().getName());
        }
    }

    /** A provider call as a plain class: the first lambda in a JVM costs milliseconds at start-up. */
    private static final class CheckedCall<T> implements Callable<T> {
        private final SecretProvider provider;
        private final String what;
        private final Callable<T> call;

        CheckedCall(SecretProvider provider, String what, Callable<T> call) {
            this.provider = provider;
            this.what = what;
            this.call = call;
        }

        @Override
        public T call() throws SecretException {
            return checked(provider, what, call);
        }
    }

    /** One resolution, as a plain class for the same reason. */
    private record ResolveOne(SecretProvider provider, SecretRef ref, ResolveContext ctx) implements Callable<Secret> {
        @Override
        public Secret call() throws SecretException {
            return provider.resolve(ref, ctx);
        }
    }

    /** A batch, as a plain class for the same reason. */
    private record ResolveBatch(SecretProvider provider, Collection<SecretRef> refs, ResolveContext ctx)
            implements Callable<Map<SecretRef, Secret>> {
        @Override
        public Map<SecretRef, Secret> call() throws SecretException {
            return provider.resolveAll(refs, ctx);
        }
    }

    /** Daemon workers, so a hung backend never keeps the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final int pool;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(int pool) {
            this.pool = pool;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "mcp-secrets-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = Executors.newCachedThreadPool(new DaemonThreads(POOL.incrementAndGet()));
                    executor = e;
                }
            }
        }
        return e;
    }

    @Override
    public void close() {
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
