package dev.mcpsecrets.keychain.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one open {@link Backend}: opened on first use, shared by every call, reopened for another target,
 * dropped after a timed-out call (it may be stuck), and closed when idle or on {@link #close()} — an open
 * D-Bus connection has non-daemon threads that would keep the JVM from exiting.
 */
final class SharedBackend {
    private static final long CLOSE_WAIT_MILLIS = 2000;

    /** What a call does with the backend. */
    @FunctionalInterface
    interface Operation<T> {
        T apply(Backend backend) throws SecretException;
    }

    private final BackendFactory factory;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastUse = System.nanoTime();
    /** A discard that found the lock held (a call was opening or fetching the backend): done by the next call. */
    private volatile Target discardLater;
    private Target openTarget;
    private Backend open;
    private boolean closed;

    SharedBackend(BackendFactory factory, Duration idleClose) {
        this.factory = factory;
        this.idleNanos = idleClose.toNanos();
    }

    /** Runs an operation on the backend for a target, opening it if needed. */
    <T> T run(Target target, Operation<T> operation) throws SecretException {
        inFlight.incrementAndGet();
        try {
            return operation.apply(backend(target));
        } finally {
            lastUse = System.nanoTime();
            inFlight.decrementAndGet();
        }
    }

    /** Drops the backend for a target after a call on it timed out; the next call opens a fresh one. */
    void discard(Target target) {
        Backend stale = null;
        if (lock.tryLock()) {
            try {
                if (target.equals(openTarget)) {
                    stale = open;
                    open = null;
                    openTarget = null;
                }
            } finally {
                lock.unlock();
            }
        } else {
            discardLater = target;
        }
        if (stale != null) {
            Backend closing = stale;
            IdleTimer.INSTANCE.execute(closing::close);
        }
    }

    /** Closes the backend; waits a little for a backend still being opened. */
    void close() {
        Backend last = null;
        try {
            if (lock.tryLock(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    closed = true;
                    last = open;
                    open = null;
                    openTarget = null;
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (last != null) {
            last.close();
        }
    }

    private Backend backend(Target target) throws SecretException {
        try {
            // interruptible: a caller that gave up cancels its call, which must not stay queued here
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, null, "gave up waiting for the keychain connection");
        }
        try {
            if (closed) {
                throw new SecretException(Reason.UNAVAILABLE, null, "the keychain provider was closed");
            }
            Target stale = discardLater;
            if (stale != null) {
                discardLater = null;
                if (open != null && stale.equals(openTarget)) {
                    Backend closing = open;
                    open = null;
                    openTarget = null;
                    IdleTimer.INSTANCE.execute(closing::close);
                }
            }
            if (open != null && target.equals(openTarget)) {
                return open;
            }
            if (open != null) {
                open.close();
                open = null;
            }
            open = factory.open(target);
            openTarget = target;
            scheduleIdleCheck(idleNanos);
            return open;
        } finally {
            lock.unlock();
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        IdleTimer.INSTANCE.schedule(this::closeIfIdle, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    private void closeIfIdle() {
        Backend idle = null;
        lock.lock();
        try {
            if (open == null) {
                return;
            }
            long idleFor = System.nanoTime() - lastUse;
            if (inFlight.get() > 0) {
                scheduleIdleCheck(idleNanos);
                return;
            }
            if (idleFor < idleNanos) {
                scheduleIdleCheck(idleNanos - idleFor);
                return;
            }
            idle = open;
            open = null;
            openTarget = null;
        } finally {
            lock.unlock();
        }
        idle.close();
    }

    /** Made on first use, so that constructing a provider starts nothing. */
    private static final class IdleTimer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mcp-keychain-idle");
            thread.setDaemon(true);
            return thread;
        });
    }
}
