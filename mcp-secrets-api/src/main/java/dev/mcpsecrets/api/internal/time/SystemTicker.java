package dev.mcpsecrets.api.internal.time;

/** {@link System#nanoTime()} as a {@link Ticker}: a plain class, no lambda bootstrap at start-up. */
final class SystemTicker implements Ticker {
    static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {
    }

    @Override
    public long read() {
        return System.nanoTime();
    }
}
