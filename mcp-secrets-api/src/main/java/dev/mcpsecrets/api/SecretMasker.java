package dev.mcpsecrets.api;

import dev.mcpsecrets.api.internal.mask.MaskEntry;
import dev.mcpsecrets.api.internal.mask.MaskKeys;
import dev.mcpsecrets.api.internal.mask.MaskTable;
import dev.mcpsecrets.api.internal.mask.MaskingOutputStream;
import dev.mcpsecrets.api.internal.mask.MaskingScanner;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces secret values in text a server is about to print, log or return — raw, JSON-escaped,
 * URL-encoded or base64-encoded — with {@code <redacted:NAME>}.
 *
 * <pre>{@code
 * SecretMasker masker = SecretMasker.create();
 * try (Secrets secrets = Secrets.builder().masker(masker).build()) {
 *     Secret token = secrets.resolve("env:GITHUB_TOKEN");       // from now on masked ...
 *     log.info(masker.mask(responseText));                      // "... <redacted:env:GITHUB_TOKEN> ..."
 *     return masker.maskJson(toolResultJson);                   // stays valid JSON
 * }                                                             // ... until token.destroy()
 * }</pre>
 *
 * <p>The masker keeps no copy of any value. When a value is registered it makes every form the value
 * takes in printed text, keeps a few keyed hashes of each form (a rolling hash to find it, an
 * HMAC-SHA-256 under a key of this masker to confirm it) and zeroes the forms. A value is masked for as
 * long as a secret holding it lives: from {@link #register} (or its resolution through a
 * {@link Secrets} built with {@link Secrets.Builder#masker}) until that secret and every copy of it are
 * destroyed, or this masker is closed.
 *
 * <p>Values shorter than four characters are not masked (they would replace ordinary words); base64
 * forms are masked for values of six bytes or more (at every alignment from seven bytes). Matches never overlap; where two values overlap
 * the earlier, then the longer, wins.
 *
 * <p>Thread-safe. Masking with nothing registered costs one volatile read; with values registered, one
 * pass over the text whatever their number (see the project's benchmark figures).
 *
 * @since 0.2.0
 */
public final class SecretMasker implements AutoCloseable {
    private final Map<Key, Registration> registrations = new HashMap<>();
    /** Created with the first registration: a masker nobody registers with never touches SecureRandom. */
    private MaskKeys keys;
    private volatile MaskTable table = MaskTable.empty();
    private boolean closed;

    private SecretMasker() {
    }

    /**
     * A masker with nothing registered.
     *
     * @return a new masker
     * @since 0.2.0
     */
    public static SecretMasker create() {
        return new SecretMasker();
    }

    /**
     * Masks the secret's value from now until the secret (and every copy made of it) is destroyed or this
     * masker is closed. Registering an equal value under the same name again costs no new hashing.
     * After {@link #close()} this does nothing.
     *
     * @param name shown as {@code <redacted:NAME>}: not a secret (a variable name, a reference); characters
     *     other than ASCII letters, digits and {@code _ - . : / @ #} are shown as {@code _}
     * @param secret a secret that is not destroyed
     * @throws IllegalStateException if the secret was destroyed
     * @since 0.2.0
     */
    public void register(String name, Secret secret) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        char[] value = secret.revealChars();
        try {
            Registration r;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (keys == null) {
                    keys = MaskKeys.random();
                }
                r = acquire(name, value);
            }
            if (r != null) {
                secret.follow(new Watch(r));
            }
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    /**
     * Whether no value is masked now.
     *
     * @return {@code true} when masking would change nothing
     * @since 0.2.0
     */
    public boolean isEmpty() {
        return table.isEmpty();
    }

    /**
     * The text with every registered value replaced.
     *
     * @param text any text
     * @return the masked text; {@code text} itself when nothing was replaced
     * @since 0.2.0
     */
    public String mask(String text) {
        return mask(text, false);
    }

    /**
     * A JSON text (an MCP tool result, a JSON-RPC message) with every registered value replaced inside its
     * strings, so that it stays valid JSON with its structure and line breaks unchanged. Values outside
     * strings (a number that happens to be a secret) are left alone.
     *
     * @param json JSON text, one value or one message per line
     * @return the masked text; {@code json} itself when nothing was replaced
     * @since 0.2.0
     */
    public String maskJson(String json) {
        return mask(json, true);
    }

    private String mask(String text, boolean jsonStringsOnly) {
        Objects.requireNonNull(text, "text");
        MaskTable t = table;
        if (t.isEmpty() || text.isEmpty()) {
            return text;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] masked = MaskingScanner.maskAll(t, utf8, jsonStringsOnly);
        Arrays.fill(utf8, (byte) 0);
        return masked == null ? text : new String(masked, StandardCharsets.UTF_8);
    }

    /**
     * A stream that masks what is written to it on its way to {@code target} (UTF-8 text, such as a
     * server's own stderr). A value split over many writes is still found: bytes that may begin a value
     * are held until the next write tells, a line break or {@link OutputStream#close()}; everything else
     * passes at once. {@code flush()} flushes the target but keeps such a tail; {@code close()} writes it
     * and closes the target. Values registered later are masked from the next write on.
     *
     * @param target where the masked bytes go
     * @return the masking stream; thread-safe
     * @since 0.2.0
     */
    public OutputStream maskingStream(OutputStream target) {
        return new MaskingOutputStream(Objects.requireNonNull(target, "target"), this::table, false);
    }

    /**
     * Like {@link #maskingStream} for a stream of JSON texts, one per line (a JSON-RPC stdout): values
     * are replaced only inside JSON strings, so every message stays valid JSON and line framing is kept.
     *
     * @param target where the masked bytes go
     * @return the masking stream; thread-safe
     * @since 0.2.0
     */
    public OutputStream maskingJsonStream(OutputStream target) {
        return new MaskingOutputStream(Objects.requireNonNull(target, "target"), this::table, true);
    }

    /**
     * Drops every registration; afterwards masking returns its input and registering does nothing.
     *
     * @since 0.2.0
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            registrations.clear();
            table = MaskTable.empty();
        }
    }

    @Override
    public String toString() {
        return "SecretMasker[" + table.entries().size() + " values]";
    }

    private MaskTable table() {
        return table;
    }

    /** Adds a holder of the value under this name; prints it when no holder had. Guarded by this. */
    private Registration acquire(String name, char[] value) {
        String shown = MaskEntry.safeName(name);
        if (!MaskEntry.maskable(value.length)) {
            org.slf4j.LoggerFactory.getLogger(SecretMasker.class).warn(
                    "the value of {} has fewer than 4 characters and is not masked", shown);
            return null;
        }
        Key key = new Key(shown, ByteBuffer.wrap(MaskEntry.identity(keys, value)));
        Registration r = registrations.get(key);
        if (r == null) {
            r = new Registration(key, MaskEntry.of(keys, name, value));
            registrations.put(key, r);
            rebuild();
        }
        r.holders++;
        return r;
    }

    private synchronized Registration acquire(Registration r) {
        if (closed || registrations.get(r.key) != r) {
            return null;
        }
        r.holders++;
        return r;
    }

    private synchronized void release(Registration r) {
        if (registrations.get(r.key) == r && --r.holders == 0) {
            registrations.remove(r.key);
            rebuild();
        }
    }

    private void rebuild() {
        java.util.List<MaskEntry> entries = new ArrayList<>(registrations.size());
        for (Registration r : registrations.values()) {
            entries.add(r.entry);
        }
        table = MaskTable.of(keys, entries);
    }

    /** A value under a name, told apart by its HMAC: equal values registered twice share their prints. */
    private record Key(String name, ByteBuffer identity) {
    }

    private static final class Registration {
        private final Key key;
        private final MaskEntry entry;
        /** Live secrets holding the value. Guarded by the masker. */
        private long holders;

        Registration(Key key, MaskEntry entry) {
            this.key = key;
            this.entry = entry;
        }
    }

    /** Follows one secret: ends its hold on the registration once, when it is destroyed. */
    private final class Watch implements Secret.Lifetime {
        private final Registration registration;
        private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

        Watch(Registration registration) {
            this.registration = registration;
        }

        @Override
        public void ended() {
            if (ended.compareAndSet(false, true)) {
                release(registration);
            }
        }

        @Override
        public Secret.Lifetime copied() {
            if (ended.get()) {
                return null;
            }
            Registration again = acquire(registration);
            return again == null ? null : new Watch(again);
        }
    }
}
