package dev.mcpsecrets.cli;

import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.config.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Edits of a JSON(C) text at the positions the config reader recorded, so that everything not edited
 * (comments, key order, spacing, line ends) stays byte for byte as it was. Offsets are UTF-16 indexes into
 * the text; positions are turned into offsets the way the reader counts lines and columns.
 */
final class JsonTextEdits {
    /** Replace {@code [start, end)} with {@code text}; {@code start == end} inserts. */
    record Edit(int start, int end, String text) {
    }

    private final String text;
    private final int[] lineStarts;

    JsonTextEdits(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(text.startsWith("\uFEFF") ? 1 : 0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    /** The offset of a position the reader recorded (1-based line and UTF-16 column). */
    int offset(Location location) {
        int line = location.line();
        if (line < 1 || line > lineStarts.length || location.column() < 1) {
            throw new IllegalStateException("position outside the text");
        }
        return lineStarts[line - 1] + location.column() - 1;
    }

    int start(JsonValue value) {
        return offset(value.location());
    }

    /** The offset just after a value that starts at {@code start}. */
    int valueEnd(int start) {
        char c = text.charAt(start);
        if (c == '"') {
            return stringEnd(start);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int i = start;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (d == '"') {
                    i = stringEnd(i);
                    continue;
                }
                if (d == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                    i = commentEnd(i);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
            throw new IllegalStateException("unclosed value");
        }
        int i = start;
        while (i < text.length() && ",}] \t\r\n/".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    int end(JsonValue value) {
        return valueEnd(start(value));
    }

    private int stringEnd(int quote) {
        int i = quote + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new IllegalStateException("unclosed string");
    }

    private int commentEnd(int slash) {
        if (text.charAt(slash + 1) == '/') {
            int i = slash;
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            return i;
        }
        int close = text.indexOf("*/", slash + 2);
        return close < 0 ? text.length() : close + 2;
    }

    /** The start of the line an offset is on. */
    int lineStartOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lineStarts[lo];
    }

    /** Whether only spaces and tabs stand between the start of its line and the offset. */
    boolean firstOnLine(int offset) {
        return text.substring(lineStartOf(offset), offset).isBlank();
    }

    /** The indentation of the line an offset is on, when the offset is the first thing on it. */
    String indentOf(int offset) {
        return text.substring(lineStartOf(offset), offset);
    }

    /** The line end used in the text (the first one), or {@code \n}. */
    String lineEnd() {
        int n = text.indexOf('\n');
        return n > 0 && text.charAt(n - 1) == '\r' ? "\r\n" : "\n";
    }

    /** Where a member begins for removal: its whole line when it starts the line, else its name. */
    private int memberBegin(JsonValue.Member m) {
        int name = offset(m.nameLocation());
        return firstOnLine(name) ? lineStartOf(name) : name;
    }

    /**
     * Edits that remove the members at {@code removed} (indexes into {@code object.members()}) and keep the
     * punctuation of the rest valid: a removed member takes its line (or its text up to the next member) with
     * it; a removed run at the end takes the comma of the last kept member.
     *
     * @throws IllegalArgumentException when every member would go (remove the object instead)
     */
    List<Edit> removeMembers(JsonValue.ObjectValue object, List<Integer> removed) {
        List<JsonValue.Member> members = object.members();
        int lastKept = -1;
        for (int i = 0; i < members.size(); i++) {
            if (!removed.contains(i)) {
                lastKept = i;
            }
        }
        if (lastKept < 0) {
            throw new IllegalArgumentException("every member removed");
        }
        List<Edit> edits = new ArrayList<>();
        for (int i : removed) {
            if (i < lastKept) {
                edits.add(new Edit(memberBegin(members.get(i)), memberBegin(members.get(i + 1)), ""));
            }
        }
        if (lastKept < members.size() - 1) {
            edits.add(new Edit(end(members.get(lastKept).value()), end(members.get(members.size() - 1).value()), ""));
        }
        return edits;
    }

    /** The text with the edits applied; they must not overlap. */
    String apply(List<Edit> edits) {
        List<Edit> sorted = sorted(edits);
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (Edit e : sorted) {
            if (e.start() < at) {
                throw new IllegalStateException("overlapping edits");
            }
            sb.append(text, at, e.start()).append(e.text());
            at = e.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    static List<Edit> sorted(List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        return sorted;
    }

    /** Whether the edits can be applied together. */
    static boolean disjoint(List<Edit> edits) {
        int at = -1;
        for (Edit e : sorted(edits)) {
            if (e.start() < at) {
                return false;
            }
            at = e.end();
        }
        return true;
    }

    /** A JSON string literal for a value. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A diff of the edited lines only, no context lines: {@code masks} replace the text they cover on both
     * sides (where no edit covers it), so values they cover are never shown.
     */
    String diff(String label, List<Edit> edits, List<Edit> masks) {
        List<Edit> sorted = sorted(edits);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(label).append('\n').append("+++ ").append(label).append(" (migrated)").append('\n');
        int i = 0;
        while (i < sorted.size()) {
            int from = lineStartOf(sorted.get(i).start());
            int to = lineEndAfter(sorted.get(i).end());
            int j = i + 1;
            while (j < sorted.size() && lineStartOf(sorted.get(j).start()) <= to) {
                to = Math.max(to, lineEndAfter(sorted.get(j).end()));
                j++;
            }
            List<Edit> group = sorted.subList(i, j);
            List<Edit> oldView = new ArrayList<>();
            List<Edit> newView = new ArrayList<>(group);
            for (Edit m : masks) {
                if (m.start() >= from && m.end() <= to) {
                    oldView.add(m);
                    if (group.stream().noneMatch(e -> e.start() < m.end() && m.start() < e.end())) {
                        newView.add(m);
                    }
                }
            }
            int line = lineIndex(from) + 1;
            out.append("@@ line ").append(line).append(" @@\n");
            prefixed(out, '-', slice(from, to, oldView));
            prefixed(out, '+', slice(from, to, newView));
            i = j;
        }
        return out.toString();
    }

    private String slice(int from, int to, List<Edit> edits) {
        StringBuilder sb = new StringBuilder();
        int at = from;
        for (Edit e : sorted(edits)) {
            if (e.start() < at) {
                continue;
            }
            sb.append(text, at, e.start()).append(e.text());
            at = e.end();
        }
        return sb.append(text, at, to).toString();
    }

    private static void prefixed(StringBuilder out, char sign, String block) {
        if (block.endsWith("\n") || block.endsWith("\r")) {
            block = block.endsWith("\r\n") ? block.substring(0, block.length() - 2) : block.substring(0, block.length() - 1);
        }
        if (block.isEmpty()) {
            return;
        }
        for (String line : block.split("\r\n|\r|\n", -1)) {
            out.append(sign).append(line).append('\n');
        }
    }

    private int lineEndAfter(int offset) {
        int i = Math.max(offset - 1, 0);
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return Math.max(i, offset);
    }

    private int lineIndex(int start) {
        for (int k = lineStarts.length - 1; k >= 0; k--) {
            if (lineStarts[k] <= start) {
                return k;
            }
        }
        return 0;
    }
}
