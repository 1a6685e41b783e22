package dev.mcpsecrets.dotenv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Finds where UTF-8 input first goes wrong, as a line and column, without showing the bytes. */
final class Utf8Errors {
    private Utf8Errors() {
    }

    /**
     * The first malformed sequence of an input known to be malformed.
     *
     * @param utf8 the input
     * @param source the source name
     * @return an error problem at the offending line and column
     */
    public static DotenvProblem locate(byte[] utf8, String source) {
        int offset = firstMalformedOffset(utf8);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            byte b = utf8[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= utf8.length || utf8[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8, lineStart, offset - lineStart)).length() + 1;
        return new DotenvProblem(source, line, column, DotenvProblem.Severity.ERROR,
                "not valid UTF-8 (byte offset " + offset + "); save the file as UTF-8");
    }

    private static int firstMalformedOffset(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return utf8.length;
            }
            out.clear();
        }
    }
}
