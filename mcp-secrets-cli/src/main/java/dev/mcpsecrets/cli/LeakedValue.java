package dev.mcpsecrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads one secret value from a stream into a char array (never a String we cannot wipe), without the line end. */
final class LeakedValue {
    private static final int MAX_CHARS = 64 * 1024;

    private LeakedValue() {
    }

    static char[] read(InputStream in) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buf = new char[256];
        int n = 0;
        for (int c = r.read(); c >= 0 && c != '\n'; c = r.read()) {
            if (n == MAX_CHARS) {
                Arrays.fill(buf, '\0');
                throw new CliException(Main.USAGE, "the value on stdin is longer than " + MAX_CHARS + " characters");
            }
            if (n == buf.length) {
                char[] bigger = Arrays.copyOf(buf, buf.length * 2);
                Arrays.fill(buf, '\0');
                buf = bigger;
            }
            buf[n++] = (char) c;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        char[] value = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        return value;
    }
}
