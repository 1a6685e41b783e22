package dev.mcpsecrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a secret value piped to stdin: every byte up to end of input (so a PEM key or a JSON credential
 * keeps its lines), strictly UTF-8, with one trailing line end ({@code \n} or {@code \r\n}) dropped, as
 * {@code echo} and editors add one. Into a char array (never a String we cannot wipe); every intermediate
 * buffer is wiped. Errors say what is wrong and where, never what was read.
 */
final class PipedValue {
    /** The largest value accepted, in bytes of UTF-8. */
    static final int MAX_BYTES = 1024 * 1024;

    private PipedValue() {
    }

    /** Reads the value of a command that stores it: errors end with "nothing written". */
    static char[] read(InputStream in) throws IOException {
        return read(in, "nothing written");
    }

    /**
     * Reads the value; {@code outcome} ends each error message and says what the command did not do
     * (e.g. {@code nothing written}, {@code nothing searched}).
     */
    static char[] read(InputStream in, String outcome) throws IOException {
        byte[] buf = new byte[4096];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    if (n > MAX_BYTES) {
                        throw tooLarge(outcome);
                    }
                    byte[] bigger = Arrays.copyOf(buf, n * 2);
                    Arrays.fill(buf, (byte) 0);
                    buf = bigger;
                }
                int read = in.read(buf, n, buf.length - n);
                if (read < 0) {
                    break;
                }
                n += read;
            }
            if (n > 0 && buf[n - 1] == '\n') {
                n--;
                if (n > 0 && buf[n - 1] == '\r') {
                    n--;
                }
            }
            if (n > MAX_BYTES) {
                throw tooLarge(outcome);
            }
            return decode(buf, n, outcome);
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }

    private static CliException tooLarge(String outcome) {
        return new CliException(Main.USAGE, "the value on stdin is larger than " + (MAX_BYTES / 1024 / 1024)
                + " MiB; " + outcome);
    }

    /** Strict UTF-8: a malformed byte is refused, never turned into U+FFFD. */
    private static char[] decode(byte[] bytes, int length, String outcome) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        // UTF-8 never decodes to more UTF-16 units than it has bytes
        char[] chars = new char[length];
        CharBuffer out = CharBuffer.wrap(chars);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            Arrays.fill(chars, '\0');
            throw new CliException(Main.USAGE, "the value on stdin is not valid UTF-8 (byte offset " + offset
                    + "); " + outcome + ". Pipe the value as UTF-8 text; for binary data store it base64-encoded");
        }
        char[] value = Arrays.copyOf(chars, out.position());
        Arrays.fill(chars, '\0');
        return value;
    }
}
