package dev.mcpsecrets.policy.checks.internal.logs;

import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.checks.internal.scan.SecretMatch;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Scans a stream for secrets in bounded memory, whatever its size and however long its lines: the bytes
 * are read in windows of {@value #WINDOW} bytes, and each window is searched with the shared
 * {@link SecretScanner} (known formats) and, when given, a {@link ValueMatcher} over the user's own
 * values. The last {@value #OVERLAP} bytes of a window are searched again at the start of the next, so a
 * secret that straddles two windows is found once, whole. Bytes are read as ISO-8859-1, one char per
 * byte, so columns are byte columns and the tokens (ASCII) match wherever they sit in UTF-8 text.
 *
 * <p>With an output stream the scanner also writes the input back out with each secret replaced by
 * {@code [REDACTED:<label>]}: the rewrite of {@code mcp-secrets redact}.
 */
public final class LeakScanner {
    /** Bytes searched at once. */
    static final int WINDOW = 1 << 20;
    /** Bytes searched again at the start of the next window: longer than any token or searched value. */
    public static final int OVERLAP = 8192;

    private final SecretScanner formats;
    private final KnownValues values;
    private final KeyedFingerprinter fingerprinter;

    /**
     * A scanner.
     *
     * @param formats the known formats
     * @param values the user's own values, or {@code null} for none
     * @param fingerprinter fingerprints what a known format matched
     */
    public LeakScanner(SecretScanner formats, KnownValues values, KeyedFingerprinter fingerprinter) {
        this.formats = Objects.requireNonNull(formats, "formats");
        this.values = values;
        this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
    }

    /**
     * A scanner of the built-in known formats.
     *
     * @param values the user's own values, or {@code null} for none
     * @param fingerprinter fingerprints what a known format matched
     * @return the scanner
     */
    public static LeakScanner builtIn(KnownValues values, KeyedFingerprinter fingerprinter) {
        return new LeakScanner(SecretScanner.builtIn(), values, fingerprinter);
    }

    /**
     * How far a scan got.
     *
     * @param complete whether the whole stream was read
     * @param bytes bytes read and searched
     * @param line the line the scan stopped in (the last line when complete)
     */
    public record Result(boolean complete, long bytes, long line) {
    }

    /**
     * Scans a stream.
     *
     * @param in the stream (not closed)
     * @param sink receives each secret, in order
     * @param rewrite receives the redacted stream, or {@code null}
     * @param budget when to stop
     * @return how far the scan got
     * @throws IOException if reading or writing fails
     */
    public Result scan(InputStream in, Consumer<Leak> sink, OutputStream rewrite, Budget budget) throws IOException {
        byte[] buf = new byte[WINDOW];
        int len = 0;
        boolean eof = false;
        long line = 1;
        long lineStart = 0;
        long consumed = 0;
        List<Span> spans = new ArrayList<>();
        while (true) {
            while (!eof && len < buf.length) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
            }
            if (len == 0) {
                return new Result(true, consumed, line);
            }
            if (budget.exhausted()) {
                return new Result(false, consumed, line);
            }
            int cut = eof ? len : len - OVERLAP;
            List<Span> kept = find(buf, len, cut, spans);
            int nextStart = cut;
            for (Span s : kept) {
                nextStart = Math.max(nextStart, s.end);
            }
            int emitted = 0;
            int counted = 0;
            for (Span s : kept) {
                for (; counted < s.start; counted++) {
                    if (buf[counted] == '\n') {
                        line++;
                        lineStart = consumed + counted + 1;
                    }
                }
                sink.accept(s.leak(line, consumed + s.start - lineStart + 1));
                if (rewrite != null) {
                    rewrite.write(buf, emitted, s.start - emitted);
                    rewrite.write(("[REDACTED:" + s.label + "]").getBytes(StandardCharsets.UTF_8));
                    emitted = s.end;
                }
            }
            for (; counted < nextStart; counted++) {
                if (buf[counted] == '\n') {
                    line++;
                    lineStart = consumed + counted + 1;
                }
            }
            if (rewrite != null) {
                rewrite.write(buf, emitted, nextStart - emitted);
            }
            System.arraycopy(buf, nextStart, buf, 0, len - nextStart);
            len -= nextStart;
            consumed += nextStart;
        }
    }

    /** The secrets starting before {@code cut}, overlapping ones merged (a user's value wins the label). */
    private List<Span> find(byte[] buf, int len, int cut, List<Span> spans) {
        spans.clear();
        String text = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
        for (SecretMatch m : formats.scanKnownFormats(text)) {
            if (m.start() < cut) {
                spans.add(new Span(m.start(), m.end(), Leak.Source.FORMAT, m.rule().kind(), m.rule().id(),
                        KeyedFingerprinter.shortForm(fingerprinter.fingerprint(text.subSequence(m.start(), m.end())))));
            }
        }
        if (values != null) {
            values.matcher().scan(buf, 0, len, (p, s, e) -> {
                if (s < cut) {
                    KnownValues.Value v = values.value(p);
                    spans.add(new Span(s, e, Leak.Source.VALUE, "value of " + v.references(), v.label(), v.fingerprint()));
                }
            });
        }
        spans.sort(Comparator.comparingInt((Span s) -> s.start).thenComparingInt(s -> -s.end));
        List<Span> kept = new ArrayList<>(spans.size());
        for (Span s : spans) {
            int last = kept.size() - 1;
            if (last >= 0 && kept.get(last).end > s.start) {
                Span k = kept.get(last);
                Span label = k.source == Leak.Source.FORMAT && s.source == Leak.Source.VALUE ? s : k;
                kept.set(last, new Span(k.start, Math.max(k.end, s.end), label.source, label.kind, label.label,
                        label.fingerprint));
                continue;
            }
            kept.add(s);
        }
        return kept;
    }

    /** A secret's place in the current window. */
    private record Span(int start, int end, Leak.Source source, String kind, String label, String fingerprint) {
        Leak leak(long line, long column) {
            return new Leak(line, column, source, kind, label, fingerprint);
        }
    }
}
