package dev.mcpsecrets.policy.engine;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.mcpsecrets.api.internal.text.TerminalText;

/**
 * JSON escaping that also writes C1 controls, bidi overrides, zero-width and other format characters
 * and line/paragraph separators as {@code \}{@code uXXXX}: JSON allows them raw, but a report printed
 * to a terminal or shown in a code-scanning view would then act on them or hide text.
 */
final class JsonTextEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    static final JsonTextEscapes INSTANCE = new JsonTextEscapes();

    private final int[] ascii = standardAsciiEscapesForJSON();

    private JsonTextEscapes() {
        ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch <= 0xffff && TerminalText.isControl((char) ch)) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
