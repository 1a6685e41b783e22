package dev.mcpsecrets.api.internal.mask;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.Mac;

/**
 * Replaces every registered value in a byte stream, in any form {@link Encodings} makes, with
 * {@code <redacted:NAME>}, also when the value arrives split over many writes.
 *
 * <p>Each write is scanned at once and everything that cannot be part of a match is passed on at once.
 * Only a tail that may still grow into a match is held: the last few bytes when one of them is a byte
 * some form begins with, or a window whose leading bytes already matched a form's anchor. A line break
 * ends what a form without line breaks can span, so a finished line is never held. The held tail goes
 * out with the next write that decides it, or at {@link #finish()}.
 *
 * <p>In JSON mode (a JSON-RPC stream, a tool result) a match is replaced only when it lies wholly inside
 * one JSON string and does not cut an escape sequence, so the text stays valid JSON and its line
 * framing is kept; values outside strings are left alone. The replacement holds no quote or backslash.
 *
 * <p>Not thread-safe: one scanner per stream. The table is read from the supplier once per write, so
 * values registered meanwhile are masked from the next write on.
 */
public final class MaskingScanner {
    /** Where masked bytes go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes bytes; the array may be reused after the call.
         *
         * @param bytes the array
         * @param offset the first byte
         * @param length how many
         * @throws IOException if they cannot be written
         */
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    private static final int HOLD = -2;
    private static final int NONE = -1;

    // JSON string states
    private static final int OUTSIDE = 0;
    private static final int IN_STRING = 1;
    private static final int ESCAPE = 2;
    /** 3..6: that many minus two hex digits of a backslash-u escape still to come. */
    private static final int HEX_LAST = 3;
    private static final int HEX_FIRST = 6;

    private final Supplier<MaskTable> tables;
    private final boolean jsonStringsOnly;
    private final Sink sink;
    /** Created by the first write: {@link #maskAll} scans the caller's array and needs none. */
    private byte[] pending = new byte[0];
    private int pendingLength;
    /** The JSON state at {@code pending[0]}. */
    private int json = OUTSIDE;
    private Mac mac;
    private MaskKeys macKeys;
    private long[] rollHash = new long[0];
    private int[] rollAt = new int[0];
    private int replacements;

    /**
     * A scanner writing to {@code sink}.
     *
     * @param tables the current table, read once per write
     * @param jsonStringsOnly mask only inside JSON strings
     * @param sink where masked bytes go
     */
    public MaskingScanner(Supplier<MaskTable> tables, boolean jsonStringsOnly, Sink sink) {
        this.tables = tables;
        this.jsonStringsOnly = jsonStringsOnly;
        this.sink = sink;
    }

    /**
     * Masks a whole text at once.
     *
     * @param table the table
     * @param text the bytes (not changed)
     * @param jsonStringsOnly mask only inside JSON strings
     * @return the masked bytes, or {@code null} when nothing was replaced
     */
    public static byte[] maskAll(MaskTable table, byte[] text, boolean jsonStringsOnly) {
        if (table.isEmpty()) {
            return null;
        }
        if (table.anchorLengths.length == 1 && skip(table, text, text.length, 0) > text.length - table.anchorLengths[0]) {
            return null; // no anchor anywhere: the usual line, decided without a scanner
        }
        Collected out = new Collected(text);
        MaskingScanner scanner = new MaskingScanner(() -> table, jsonStringsOnly, out);
        try {
            scanner.scan(table, text, text.length, true);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return scanner.replacements == 0 ? null : out.toArray();
    }

    /**
     * Scans more bytes; passes on what is decided.
     *
     * @param bytes the array
     * @param offset the first byte
     * @param length how many
     * @throws IOException if the sink fails
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        MaskTable table = tables.get();
        if (table.isEmpty() && pendingLength == 0) {
            if (jsonStringsOnly) {
                for (int i = offset; i < offset + length; i++) {
                    json = step(json, bytes[i]);
                }
            }
            sink.write(bytes, offset, length);
            return;
        }
        if (pendingLength + length > pending.length) {
            byte[] bigger = Arrays.copyOf(pending, Math.max(Math.max(256, pending.length * 2), pendingLength + length));
            Arrays.fill(pending, (byte) 0);
            pending = bigger;
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
        scanPending(table, false);
    }

    /**
     * Decides and passes on the held tail: the stream has ended.
     *
     * @throws IOException if the sink fails
     */
    public void finish() throws IOException {
        scanPending(tables.get(), true);
    }

    /**
     * How many replacements were made so far.
     *
     * @return the count
     */
    public int replacements() {
        return replacements;
    }

    private void scanPending(MaskTable t, boolean last) throws IOException {
        int len = pendingLength;
        int p = scan(t, pending, len, last);
        System.arraycopy(pending, p, pending, 0, len - p);
        // the bytes passed on, a masked value among them, do not stay behind in the buffer
        Arrays.fill(pending, len - p, len, (byte) 0);
        pendingLength = len - p;
    }

    /** Scans {@code buf[0, len)}, passing on what is decided; returns where the held tail starts. */
    private int scan(MaskTable t, byte[] buf, int len, boolean last) throws IOException {
        int groups = t.anchorLengths.length;
        if (rollHash.length != groups) {
            rollHash = new long[groups];
            rollAt = new int[groups];
        }
        Arrays.fill(rollAt, -2);
        int lastLineEnd = last ? -1 : len - 1;
        while (lastLineEnd >= 0 && buf[lastLineEnd] != '\n' && buf[lastLineEnd] != '\r') {
            lastLineEnd--;
        }
        int p = 0;
        int emitted = 0;
        boolean oneAnchorLength = groups == 1;
        while (p < len) {
            if (oneAnchorLength) {
                int next = skip(t, buf, len, p);
                if (next > p) {
                    if (jsonStringsOnly) {
                        for (int i = p; i < next; i++) {
                            json = step(json, buf[i]);
                        }
                    }
                    p = next;
                    continue;
                }
            }
            int c = t.isEmpty() ? NONE : matchAt(t, buf, len, p, last, lastLineEnd >= p);
            if (c == HOLD) {
                break;
            }
            if (c >= 0) {
                if (p > emitted) {
                    sink.write(buf, emitted, p - emitted);
                }
                byte[] replacement = t.owner[c].replacement();
                sink.write(replacement, 0, replacement.length);
                replacements++;
                p += t.length[c];
                emitted = p;
            } else {
                if (jsonStringsOnly) {
                    json = step(json, buf[p]);
                }
                p++;
            }
        }
        if (p > emitted) {
            sink.write(buf, emitted, p - emitted);
        }
        return p;
    }

    /**
     * The first position from {@code p} on where a match may start: one whose anchor is in the table, or
     * one too near the end for an anchor ({@link #matchAt} decides those). The loop that runs over almost
     * every byte of the text, so it rolls the hash itself and touches nothing but the one table.
     */
    private static int skip(MaskTable t, byte[] buf, int len, int p) {
        int k = t.anchorLengths[0];
        if (p + k > len) {
            return p;
        }
        MaskKeys keys = t.keys();
        long base = keys.base();
        long weight = t.leavingWeights[0];
        int[] counts = t.slotCount[0];
        int m = counts.length - 1;
        long h = keys.hash(buf, p, k);
        while (true) {
            int anchor = MaskEntry.truncate(h);
            if (counts[MaskTable.spread(anchor) & m] != 0 && t.find(0, anchor) >= 0) {
                return p;
            }
            if (p + k >= len) {
                return p + 1;
            }
            h = (h - MaskKeys.unit(buf[p]) * weight) * base + MaskKeys.unit(buf[p + k]);
            p++;
        }
    }

    /** The candidate that matches at {@code p}, {@link #NONE}, or {@link #HOLD} when more bytes are needed. */
    private int matchAt(MaskTable t, byte[] buf, int len, int p, boolean last, boolean lineEndAhead) {
        if (jsonStringsOnly && json != IN_STRING) {
            return NONE;
        }
        for (int g = 0; g < t.anchorLengths.length; g++) {
            int k = t.anchorLengths[g];
            if (p + k > len) {
                if (last || (lineEndAhead && (jsonStringsOnly || !t.anySpansLines)) || !t.mayStartWith(buf[p])) {
                    continue;
                }
                return HOLD;
            }
            long h;
            if (rollAt[g] == p - 1) {
                h = t.keys().roll(rollHash[g], buf[p - 1], buf[p + k - 1], t.leavingWeights[g]);
            } else {
                h = t.keys().hash(buf, p, k);
            }
            rollHash[g] = h;
            rollAt[g] = p;
            int slot = t.find(g, MaskEntry.truncate(h));
            if (slot < 0) {
                continue;
            }
            int first = t.slotFirst[g][slot];
            for (int c = first; c < first + t.slotCount[g][slot]; c++) {
                int length = t.length[c];
                if (p + length > len) {
                    if (last || (lineEndAhead && (jsonStringsOnly || !t.spansLines[c]))) {
                        continue;
                    }
                    return HOLD;
                }
                if (t.keys().hash(buf, p, length) == t.fullHash[c] && confirmed(t, c, buf, p, length)
                        && (!jsonStringsOnly || insideOneString(buf, p, length))) {
                    return c;
                }
            }
        }
        return NONE;
    }

    private boolean confirmed(MaskTable t, int c, byte[] buf, int p, int length) {
        if (mac == null || macKeys != t.keys()) {
            mac = t.keys().newMac();
            macKeys = t.keys();
        }
        return MaskKeys.macEquals(mac, buf, p, length, t.mac[c]);
    }

    /** Whether the window stays inside the current string and ends outside any escape. */
    private boolean insideOneString(byte[] buf, int p, int length) {
        int s = json;
        for (int i = p; i < p + length; i++) {
            s = step(s, buf[i]);
            if (s == OUTSIDE) {
                return false;
            }
        }
        return s == IN_STRING;
    }

    /** One byte of a JSON text (one message per line): where it leaves the string state. */
    static int step(int state, byte b) {
        if (b == '\n' || b == '\r') {
            return OUTSIDE; // no string spans a line of JSON-RPC; a broken line starts afresh
        }
        switch (state) {
            case OUTSIDE:
                return b == '"' ? IN_STRING : OUTSIDE;
            case IN_STRING:
                return b == '"' ? OUTSIDE : b == '\\' ? ESCAPE : IN_STRING;
            case ESCAPE:
                return b == 'u' ? HEX_FIRST : IN_STRING;
            default:
                return state == HEX_LAST ? IN_STRING : state - 1;
        }
    }

    /** Collects the output of {@link #maskAll}, copying only once a replacement is made. */
    private static final class Collected implements Sink {
        private final byte[] source;
        private int passed;
        private byte[] out;
        private int size;

        Collected(byte[] source) {
            this.source = source;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (out == null && bytes == source && offset == passed) {
                passed += length;
                return;
            }
            if (out == null) {
                out = new byte[source.length + 64];
                System.arraycopy(source, 0, out, 0, passed);
                size = passed;
            }
            if (size + length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + length));
            }
            System.arraycopy(bytes, offset, out, size, length);
            size += length;
        }

        byte[] toArray() {
            return out == null ? source.clone() : Arrays.copyOf(out, size);
        }
    }
}
