package dev.mcpsecrets.api.internal.time;

/**
 * A source of nanoseconds for measuring elapsed time, with the meaning of {@link System#nanoTime()}:
 * only differences between two readings count. Caches, cooldowns and breakers take one so tests can
 * move time forward instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {
    /**
     * The current reading.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long read();

    /**
     * The system ticker, {@link System#nanoTime()}.
     *
     * @return the ticker
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
