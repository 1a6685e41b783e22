package dev.mcpsecrets.bridge.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads LF-terminated lines of bytes (a CR before the LF is dropped), each at most a given size. */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** A line that was longer than the limit: its bytes were skipped up to its end. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(int max) {
            super("a line longer than " + max + " bytes");
        }
    }

    /**
     * The next line without its terminator.
     *
     * @return the bytes, or {@code null} at the end of input
     * @throws TooLong when the line was longer than the limit (the reader is then at the next line)
     */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        boolean tooLong = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (tooLong) {
                        throw new TooLong(maxBytes);
                    }
                    return line == null || line.size() == 0 ? null : strip(line.toByteArray());
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int length = pos - start;
            boolean end = pos < limit;
            if (end && line == null && !tooLong && length <= maxBytes) {
                pos++;
                return strip(Arrays.copyOfRange(buffer, start, start + length));
            }
            if (!tooLong) {
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(256, length * 2));
                }
                if (line.size() + length > maxBytes) {
                    tooLong = true;
                    line = null;
                } else {
                    line.write(buffer, start, length);
                }
            }
            if (end) {
                pos++;
                if (tooLong) {
                    throw new TooLong(maxBytes);
                }
                return strip(line.toByteArray());
            }
        }
    }

    private static byte[] strip(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }
}
