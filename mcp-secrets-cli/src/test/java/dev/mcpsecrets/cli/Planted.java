package dev.mcpsecrets.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A generated secret-like value carrying a random marker ({@code PLANTED} and twelve base32 characters).
 * The marker is plain ASCII letters and digits, which no escaping (JSON, SARIF, picocli quoting, Java
 * string escapes, percent-encoding) changes, so it survives into output only when the value itself is
 * copied there: any {@link #forms() form} of it in output is a leak. The rest of the text is hostile
 * (NUL, quotes, backslashes, line breaks, terminal controls, surrogate pairs, RTL marks).
 *
 * @param marker the marker, {@code PLANTED} + 12 characters of {@link #ALPHABET}
 * @param text the whole value, containing the marker once or more
 */
record Planted(String marker, String text) {
    static final String PREFIX = "PLANTED";
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    /** Shorter runs of the marker's random part are searched too, to catch shown prefixes and suffixes. */
    static final int WINDOW = 8;

    Planted {
        if (!marker.startsWith(PREFIX) || marker.length() != PREFIX.length() + 12 || !text.contains(marker)) {
            throw new IllegalArgumentException("not a planted value");
        }
    }

    /** The random part of the marker. */
    String tail() {
        return marker.substring(PREFIX.length());
    }

    /**
     * Everything whose presence in output means the value leaked: the marker, its JSON-escaped form, a
     * fully {@code \\uXXXX}-escaped form, and every {@value #WINDOW}-character run of the random part
     * in upper and lower case (32^8 combinations each: an accidental match is out of the question).
     */
    Set<String> forms() {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(marker);
        forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(marker)));
        StringBuilder unicode = new StringBuilder();
        for (char c : tail().toCharArray()) {
            unicode.append(String.format("\\u%04x", (int) c));
        }
        forms.add(unicode.toString());
        forms.add(unicode.toString().toUpperCase(java.util.Locale.ROOT).replace("\\U", "\\u"));
        String lower = tail().toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i + WINDOW <= tail().length(); i++) {
            forms.add(tail().substring(i, i + WINDOW));
            forms.add(lower.substring(i, i + WINDOW));
        }
        return forms;
    }

    /** The value without NUL (what an argv or an environment variable can hold at all). */
    String withoutNul() {
        return text.replace("\0", "");
    }

    /** The value as a JSON string literal, quotes included. */
    String jsonLiteral() {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** The value's lines, for contexts that cannot hold line breaks. */
    List<String> lines() {
        return new ArrayList<>(List.of(text.split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1)));
    }

    @Override
    public String toString() {
        return "Planted[" + LeakAssertions.show(text) + "]";
    }
}
