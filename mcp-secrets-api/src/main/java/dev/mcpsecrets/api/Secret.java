package dev.mcpsecrets.api;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * A secret value held as a {@code char[]}.
 *
 * <p>The value is only reachable through methods whose names say so ({@link #revealChars()},
 * {@link #revealAsString()}, {@link #revealUtf8()}). There is no bean-style getter, so reflection-based
 * serialisers see nothing, and {@link #toString()} is redacted. {@link #destroy()} zeroes the value.
 * Equality is identity: comparing values is {@link #contentEquals(Secret)}, which runs in constant
 * time for values of equal length.
 *
 * <p>Instances are thread-safe. Each instance owns its own copy of the characters, so destroying one
 * never affects another (the {@link Secrets} cache hands out copies).
 *
 * @since 0.1
 */
public final class Secret implements Destroyable {
    private final char[] value;
    private final SecretRef source;
    private final String providerId;
    private final String origin;
    /** How long a cache may serve the value, as the backend said (a lease); {@code null} when it did not. */
    private final Duration maxAge;
    private volatile boolean destroyed;
    /** Maskers following this value's lifetime ({@link SecretMasker}); {@code null} until one does. Guarded by this. */
    private java.util.List<Lifetime> lifetimes;

    /**
     * Told when a secret ends, so that a {@link SecretMasker} stops masking its value, and when it is
     * copied, so that the copy keeps the value masked.
     */
    interface Lifetime {
        /** The secret was destroyed. */
        void ended();

        /**
         * The secret was copied.
         *
         * @return what follows the copy, or {@code null} when nothing needs to
         */
        Lifetime copied();
    }

    private Secret(char[] ownedValue, SecretRef source, String providerId, String origin) {
        this(ownedValue, source, providerId, origin, null);
    }

    private Secret(char[] ownedValue, SecretRef source, String providerId, String origin, Duration maxAge) {
        this.value = ownedValue;
        this.source = source;
        this.providerId = providerId;
        this.origin = origin;
        this.maxAge = maxAge;
    }

    /**
     * Creates a secret from a copy of the given characters. The caller keeps ownership of
     * {@code value} and should zero it when done.
     *
     * @param value the characters
     * @return a new secret
     */
    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.clone(), null, null, null);
    }

    /**
     * Creates a secret from a character sequence (copied).
     *
     * @param value the characters
     * @return a new secret
     */
    public static Secret of(CharSequence value) {
        Objects.requireNonNull(value, "value");
        char[] chars = new char[value.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = value.charAt(i);
        }
        return new Secret(chars, null, null, null);
    }

    /**
     * Creates a secret by decoding UTF-8 bytes (malformed input is replaced). The caller keeps
     * ownership of {@code utf8} and should zero it when done.
     *
     * @param utf8 the encoded value
     * @return a new secret
     */
    public static Secret ofUtf8(byte[] utf8) {
        Objects.requireNonNull(utf8, "utf8");
        CharBuffer decoded = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(utf8));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return new Secret(chars, null, null, null);
    }

    /**
     * A copy of this secret that also records where it came from. Providers call this with a
     * description such as {@code "/home/me/.config/mcp-secrets/.env line 3"}; it is shown to users,
     * so it must never contain the value.
     *
     * @param description where the value was found
     * @return a new secret with the origin set
     * @throws IllegalStateException if this secret was destroyed
     */
    public Secret withOrigin(String description) {
        Objects.requireNonNull(description, "description");
        return followed(new Secret(copy(value), source, providerId, description, maxAge));
    }

    /**
     * A copy of this secret that says how long a cache may serve it: the lease or TTL its backend gave
     * (a Vault lease, a rotation schedule). The {@link Secrets} cache keeps the value for the shorter of
     * its own TTL and this; zero means "do not cache".
     *
     * @param duration how long the value may be served from a cache; zero or positive
     * @return a new secret with the limit set
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws IllegalStateException if this secret was destroyed
     * @since 0.2.0
     */
    public Secret withMaxAge(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("max age must not be negative: " + duration);
        }
        return followed(new Secret(copy(value), source, providerId, origin, duration));
    }

    /**
     * How long a cache may serve this value, when its backend said so ({@link #withMaxAge(Duration)}).
     *
     * @return the limit, or empty when the backend gave none
     * @since 0.2.0
     */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /**
     * A copy of this secret that records the reference and provider that produced it.
     *
     * @param ref the reference resolved
     * @param provider the id of the provider that resolved it
     * @return a new secret with the source set
     * @throws IllegalStateException if this secret was destroyed
     */
    public Secret withSource(SecretRef ref, String provider) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(provider, "provider");
        return followed(new Secret(copy(value), ref, provider, origin, maxAge));
    }

    /**
     * An independent copy with the same value and metadata; destroying one leaves the other intact.
     *
     * @return the copy
     * @throws IllegalStateException if this secret was destroyed
     */
    public Secret copy() {
        return followed(new Secret(copy(value), source, providerId, origin, maxAge));
    }

    /** Lets whoever follows this secret's lifetime follow the copy too. */
    private Secret followed(Secret copy) {
        java.util.List<Lifetime> current;
        synchronized (this) {
            if (lifetimes == null) {
                return copy;
            }
            current = java.util.List.copyOf(lifetimes);
        }
        for (Lifetime l : current) {
            Lifetime next = l.copied();
            if (next != null) {
                copy.follow(next);
            }
        }
        return copy;
    }

    /** Starts telling {@code lifetime} about this secret; at once when it was already destroyed. */
    void follow(Lifetime lifetime) {
        synchronized (this) {
            if (!destroyed) {
                if (lifetimes == null) {
                    lifetimes = new java.util.ArrayList<>(1);
                }
                lifetimes.add(lifetime);
                return;
            }
        }
        lifetime.ended();
    }

    /**
     * Reveals the value as a fresh copy of the characters. Zero the array when done.
     *
     * @return a copy of the value
     * @throws IllegalStateException if this secret was destroyed
     */
    public char[] revealChars() {
        return copy(value);
    }

    /**
     * Reveals the value as a {@link String}. Strings cannot be zeroed: prefer {@link #revealChars()}
     * where the consumer accepts characters.
     *
     * @return the value
     * @throws IllegalStateException if this secret was destroyed
     */
    public String revealAsString() {
        checkAlive();
        return new String(value);
    }

    /**
     * Reveals the value encoded as UTF-8. Zero the array when done.
     *
     * @return the encoded value
     * @throws IllegalStateException if this secret was destroyed
     */
    public byte[] revealUtf8() {
        checkAlive();
        java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /**
     * Number of UTF-16 characters in the value; safe to show.
     *
     * @return the length
     */
    public int length() {
        return value.length;
    }

    /**
     * Compares the values of two secrets in time independent of where they differ.
     *
     * @param other the other secret
     * @return {@code true} when both hold the same characters
     * @throws IllegalStateException if either secret was destroyed
     */
    public boolean contentEquals(Secret other) {
        Objects.requireNonNull(other, "other");
        checkAlive();
        other.checkAlive();
        if (value.length != other.value.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < value.length; i++) {
            diff |= value[i] ^ other.value[i];
        }
        return diff == 0;
    }

    /**
     * The reference this secret was resolved from, when it came through {@link Secrets}.
     *
     * @return the reference
     */
    public Optional<SecretRef> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The id of the provider that resolved it, when it came through {@link Secrets}.
     *
     * @return the provider id
     */
    public Optional<String> providerId() {
        return Optional.ofNullable(providerId);
    }

    /**
     * Where the provider found the value (a file and line, a keychain item), when it said so.
     *
     * @return the description; never contains the value
     */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /**
     * Zeroes the value. Later reveals throw {@link IllegalStateException}. A {@link SecretMasker} that
     * masked the value because of this secret stops doing so (unless a copy still holds it).
     */
    @Override
    public void destroy() {
        java.util.List<Lifetime> ended;
        synchronized (this) {
            destroyed = true;
            ended = lifetimes;
            lifetimes = null;
        }
        Arrays.fill(value, '\0');
        if (ended != null) {
            for (Lifetime l : ended) {
                l.ended();
            }
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /**
     * Redacted: {@code Secret[****, from env:GITHUB_TOKEN]}.
     *
     * @return a description without the value
     */
    @Override
    public String toString() {
        String state = destroyed ? "destroyed" : "****";
        return source == null ? "Secret[" + state + "]" : "Secret[" + state + ", from " + source + "]";
    }

    private char[] copy(char[] chars) {
        checkAlive();
        char[] out = chars.clone();
        // destroy() may have run while cloning: never hand out a half-zeroed value
        checkAlive();
        return out;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed"
                    + (source == null ? "" : " (" + source + ")"));
        }
    }
}
