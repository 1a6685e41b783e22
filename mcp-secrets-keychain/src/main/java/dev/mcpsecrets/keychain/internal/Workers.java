package dev.mcpsecrets.keychain.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads keychain calls run on, so that a caller can stop waiting at its deadline while a hung
 * D-Bus call or unlock prompt keeps only this thread. Daemon threads, created on demand, gone when idle;
 * bounded, so hung calls cannot pile up without limit.
 */
final class Workers {
    private static final int MAX_THREADS = 64;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_THREADS, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "mcp-keychain-call-" + SEQUENCE.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }

    boolean isShutdown() {
        return pool.isShutdown();
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
