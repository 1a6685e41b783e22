package dev.mcpsecrets.api;

import java.util.Objects;

/**
 * Whether a provider can work on this machine now, and if not why and how to fix it.
 *
 * @param available {@code true} if the provider can be asked
 * @param reason why not ({@code null} when available)
 * @param detail one sentence: what is missing and how to fix it (or what backend is in use)
 * @since 0.1
 */
public record Availability(boolean available, Reason reason, String detail) {
    /**
     * Validates the fields.
     *
     * @param available whether the provider can be asked
     * @param reason why not, {@code null} exactly when available
     * @param detail one sentence for humans
     */
    public Availability {
        Objects.requireNonNull(detail, "detail");
        if (available != (reason == null)) {
            throw new IllegalArgumentException("reason must be null exactly when available");
        }
    }

    /**
     * Available.
     *
     * @param detail what backend is in use, e.g. "Secret Service on D-Bus"
     * @return the availability
     */
    public static Availability available(String detail) {
        return new Availability(true, null, detail);
    }

    /**
     * Not available.
     *
     * @param reason usually {@link Reason#UNAVAILABLE}, {@link Reason#HEADLESS} or {@link Reason#LOCKED}
     * @param detail what is missing and how to fix it
     * @return the availability
     */
    public static Availability unavailable(Reason reason, String detail) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"), detail);
    }
}
