package dev.mcpsecrets.keychain.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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

    private ThreadPoolExecutor pool;
    private boolean shutdown;

    /** Runs a task; the pool is made on first use so that constructing a provider stays cheap. */
    synchronized <T> Future<T> submit(Callable<T> task) {
        if (shutdown) {
            throw new RejectedExecutionException("closed");
        }
        if (pool == null) {
            pool = new ThreadPoolExecutor(0, MAX_THREADS, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    Workers::daemonThread);
        }
        return pool.submit(task);
    }

    synchronized boolean isShutdown() {
        return shutdown;
    }

    synchronized void shutdown() {
        shutdown = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static Thread daemonThread(Runnable task) {
        Thread thread = new Thread(task, "mcp-keychain-call-" + SEQUENCE.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
