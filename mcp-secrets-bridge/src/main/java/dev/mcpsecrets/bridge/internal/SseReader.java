package dev.mcpsecrets.bridge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/event-stream} body as the HTML standard's event-stream interpretation says:
 * lines end with CR, LF or CRLF; {@code field: value} lines build an event, a blank line dispatches it;
 * lines starting with a colon are comments; an event whose data is empty is not dispatched (servers
 * send such "priming" events to hand out an id); data lines are joined with LF. A line longer than the
 * limit ends the stream with an exception rather than growing memory without bound.
 */
final class SseReader {
    /** One dispatched event. {@code type} is {@code message} when the stream named none. */
    record Event(String type, String data, String id) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean first = true;
    private boolean skipLf;
    private String lastEventId;
    private Long retryMillis;

    SseReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The last event id the stream set, for {@code Last-Event-ID} on reconnection. */
    String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the stream asked for, if any. */
    Long retryMillis() {
        return retryMillis;
    }

    /**
     * The next event.
     *
     * @return the event, or {@code null} at the end of the stream (an unfinished event is dropped)
     * @throws IOException on a read error or an overlong line
     */
    Event next() throws IOException {
        String type = null;
        StringBuilder data = null;
        while (true) {
            String l = readLine();
            if (l == null) {
                return null;
            }
            if (l.isEmpty()) {
                if (data != null && data.length() > 0) {
                    return new Event(type == null || type.isEmpty() ? "message" : type, data.toString(), lastEventId);
                }
                type = null;
                data = null;
                continue;
            }
            if (l.charAt(0) == ':') {
                continue;
            }
            int colon = l.indexOf(':');
            String field = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value.length());
                    } else {
                        data.append('\n');
                    }
                    data.append(value);
                }
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> {
                    // unknown fields are ignored, as the standard says
                }
            }
        }
    }

    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : decode();
            }
            if (skipLf) {
                skipLf = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\r') {
                skipLf = true;
                return decode();
            }
            if (b == '\n') {
                return decode();
            }
            if (line.size() >= maxLineBytes) {
                throw new IOException("an event-stream line is longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
    }

    private String decode() {
        String s = line.toString(StandardCharsets.UTF_8);
        if (first) {
            first = false;
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
        }
        return s;
    }
}
