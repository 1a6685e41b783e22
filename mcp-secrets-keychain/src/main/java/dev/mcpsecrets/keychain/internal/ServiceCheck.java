package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of {@code availability()} that needs the bus: is a Secret Service there, and is its default
 * collection unlocked. Runs on a worker thread, is waited for only briefly, and its answer is kept for a
 * few seconds, so that availability stays fast; an answer not ready in time counts as available (the
 * resolve that follows has its own deadline and says what is wrong).
 */
final class ServiceCheck {
    static final Duration WAIT = Duration.ofMillis(100);
    static final Duration KEEP = Duration.ofSeconds(5);

    private final Workers workers;
    private Target checked;
    private CompletableFuture<Availability> answer;
    private long startedNanos;

    ServiceCheck(Workers workers) {
        this.workers = workers;
    }

    /**
     * The Secret Service's state on the target's bus.
     *
     * @param target a {@link Platform#SECRET_SERVICE} target
     * @param available the answer to give when the check is not done within {@link #WAIT}
     * @return available, or UNAVAILABLE / HEADLESS / LOCKED with the reason's sentence
     */
    Availability check(Target target, Availability available) {
        CompletableFuture<Availability> pending = start(target, available);
        try {
            return pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return available;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return available;
        }
    }

    private synchronized CompletableFuture<Availability> start(Target target, Availability available) {
        boolean sameTarget = answer != null && target.equals(checked);
        // a check still running (a bus that does not answer) is waited on, not started again
        if (sameTarget && (!answer.isDone() || System.nanoTime() - startedNanos < KEEP.toNanos())) {
            return answer;
        }
        CompletableFuture<Availability> next = new CompletableFuture<>();
        try {
            workers.submit(() -> next.complete(probe(target.busAddress(), available)));
        } catch (RejectedExecutionException e) {
            next.complete(available);
        }
        checked = target;
        answer = next;
        startedNanos = System.nanoTime();
        return next;
    }

    private static Availability probe(String address, Availability available) {
        try (SecretServiceProbe probe = SecretServiceProbe.connect(address)) {
            probe.requireUnlocked();
            return available;
        } catch (SecretException e) {
            return Availability.unavailable(e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            return available;
        }
    }
}
