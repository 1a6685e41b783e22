package dev.mcpsecrets.api;

import dev.mcpsecrets.api.internal.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, starting near the wrap-around to catch naive comparisons. */
final class FakeTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - Duration.ofMinutes(1).toNanos());

    @Override
    public long read() {
        return now.get();
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
