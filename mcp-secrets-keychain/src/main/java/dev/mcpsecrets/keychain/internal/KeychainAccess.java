package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The keychain as the provider and {@link dev.mcpsecrets.keychain.KeychainStore} use it: says quickly
 * when it cannot work, runs every backend call on its own thread under a deadline, and keeps one lazily
 * opened backend, shared by all callers, until {@link #close()} or until it sits idle.
 */
public final class KeychainAccess implements AutoCloseable {
    /** How long an unused backend stays open; its D-Bus threads would otherwise keep the JVM alive. */
    public static final Duration DEFAULT_IDLE_CLOSE = Duration.ofSeconds(30);

    private final Platform platform;
    private final SharedBackend shared;
    private final Workers workers = new Workers();
    private final ServiceCheck serviceCheck = new ServiceCheck(workers);

    /** The keychain of this platform through java-keyring. */
    public KeychainAccess() {
        this(Platform.current(), new DeferredFactory(), DEFAULT_IDLE_CLOSE);
    }

    KeychainAccess(Platform platform, BackendFactory factory, Duration idleClose) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.shared = new SharedBackend(factory, idleClose);
    }

    /**
     * Whether the keychain can work for a caller with this environment: no session bus, a missing bus
     * socket or an unsupported OS are judged without I/O; on Linux a Secret Service check (is there one,
     * is it locked) is waited for at most 100 ms and its answer kept for 5 s.
     *
     * @param environment the caller's environment
     * @return available, or why not (HEADLESS, UNAVAILABLE, LOCKED) in one sentence
     */
    public Availability availability(Map<String, String> environment) {
        Target target;
        try {
            target = target(environment, null);
        } catch (SecretException e) {
            return Availability.unavailable(e.reason(), e.getMessage());
        }
        if (target.platform() != Platform.SECRET_SERVICE) {
            return Availability.available(platform.displayName());
        }
        return serviceCheck.check(target, Availability.available(platform.displayName() + " on "
                + target.busAddress()));
    }

    /**
     * Reads an item.
     *
     * @param item the item
     * @param reference the reference text to name in errors
     * @param environment the caller's environment
     * @param timeout the deadline of the call
     * @return a fresh array with the value; the caller zeroes it
     * @throws SecretException NOT_FOUND, LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public char[] read(KeychainItem item, String reference, Map<String, String> environment, Duration timeout)
            throws SecretException {
        return call(reference, environment, timeout, backend -> backend.read(item));
    }

    /**
     * Creates or replaces an item.
     *
     * @param item the item
     * @param value the value (copied before the call returns)
     * @param environment the caller's environment
     * @param timeout the deadline of the call
     * @throws SecretException LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public void write(KeychainItem item, char[] value, Map<String, String> environment, Duration timeout)
            throws SecretException {
        char[] copy = value.clone();
        try {
            call(item.reference(), environment, timeout, backend -> {
                backend.write(item, copy);
                return Boolean.TRUE;
            });
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /**
     * Deletes an item.
     *
     * @param item the item
     * @param environment the caller's environment
     * @param timeout the deadline of the call
     * @return true if it existed
     * @throws SecretException LOCKED, HEADLESS, UNAVAILABLE, DENIED or TIMEOUT
     */
    public boolean delete(KeychainItem item, Map<String, String> environment, Duration timeout)
            throws SecretException {
        return call(item.reference(), environment, timeout, backend -> backend.delete(item));
    }

    /** Closes the backend and stops the call threads; later calls fail with UNAVAILABLE. */
    @Override
    public void close() {
        workers.shutdown();
        shared.close();
    }

    @Override
    public String toString() {
        return "KeychainAccess[" + platform.displayName() + "]";
    }

    private Target target(Map<String, String> environment, String reference) throws SecretException {
        switch (platform) {
            case SECRET_SERVICE: {
                String address = SessionBus.address(environment).orElseThrow(() ->
                        new SecretException(Reason.HEADLESS, reference, SessionBus.missingSentence()));
                String problem = SessionBus.problem(address).orElse(null);
                if (problem != null) {
                    throw new SecretException(Reason.HEADLESS, reference, problem);
                }
                return new Target(platform, address);
            }
            case MACOS:
            case WINDOWS:
                return new Target(platform, "");
            default:
                throw new SecretException(Reason.UNAVAILABLE, reference, JavaKeyringFactory.unsupportedSentence());
        }
    }

    private <T> T call(String reference, Map<String, String> environment, Duration timeout,
            SharedBackend.Operation<T> operation) throws SecretException {
        Target target = target(environment, reference);
        Future<T> future;
        try {
            future = workers.submit(() -> shared.run(target, operation));
        } catch (RejectedExecutionException e) {
            throw new SecretException(Reason.UNAVAILABLE, reference, workers.isShutdown()
                    ? "the keychain provider was closed" : "too many keychain calls at once; try again", e);
        }
        try {
            return future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            shared.discard(target);
            throw new SecretException(Reason.TIMEOUT, reference, "the " + platform.displayName()
                    + " did not answer within " + timeout.toMillis() + " ms (an unlock prompt may be waiting); "
                    + "answer it, or raise " + CallTimeout.VARIABLE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecretException failure) {
                throw new SecretException(failure.reason(), reference, failure.getMessage(), failure.getCause());
            }
            throw new SecretException(Reason.UNAVAILABLE, reference, "the " + platform.displayName()
                    + " call failed (" + cause.getClass().getSimpleName() + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new SecretException(Reason.TIMEOUT, reference, "interrupted while waiting for the "
                    + platform.displayName());
        }
    }
}
