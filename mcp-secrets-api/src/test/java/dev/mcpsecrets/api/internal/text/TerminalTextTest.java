package dev.mcpsecrets.api.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void escapeSequencesAndControlsBecomeVisible() {
        assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\u001b[2Jb");
        assertThat(TerminalText.escape("\u001b]0;owned\u0007")).isEqualTo("\\u001b]0;owned\\u0007");
        assertThat(TerminalText.escape("x\ry\nz\t")).isEqualTo("x\\ry\\nz\\t");
        assertThat(TerminalText.escape("c1\u009b31m")).isEqualTo("c1\\u009b31m");
        assertThat(TerminalText.escape("del\u007f")).isEqualTo("del\\u007f");
    }

    @Test
    void bidiOverridesAndInvisibleFormatCharactersBecomeVisible() {
        assertThat(TerminalText.escape("evil\u202Etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(TerminalText.escape("a\u2066b\u2069")).isEqualTo("a\\u2066b\\u2069");
        assertThat(TerminalText.escape("zero\u200Bwidth\uFEFF")).isEqualTo("zero\\u200bwidth\\ufeff");
        assertThat(TerminalText.escape("line\u2028para\u2029")).isEqualTo("line\\u2028para\\u2029");
        assertThat(TerminalText.escape("lone\uD800")).isEqualTo("lone\\ud800");
    }

    @Test
    void printableTextIsKept() {
        String text = "github — Grüße 東京 😀 C:\\path\\to file.json";
        assertThat(TerminalText.escape(text)).isEqualTo(text);
        assertThat(TerminalText.isSafe(text)).isTrue();
    }

    @Test
    void backslashThatCouldReadAsAnEscapeIsDoubled() {
        assertThat(TerminalText.escape("\\u001b")).isEqualTo("\\\\u001b");
    }

    @Property(tries = 500)
    void resultHoldsNoCharacterATerminalActsOn(@ForAll String text) {
        String escaped = TerminalText.escape(text);
        escaped.codePoints().forEach(cp -> {
            assertThat(cp).isGreaterThanOrEqualTo(0x20).isNotEqualTo(0x7f);
            assertThat(cp < 0x80 || cp > 0x9f).isTrue();
            assertThat(Character.getType(cp)).isNotIn((int) Character.FORMAT, (int) Character.SURROGATE,
                    (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
        });
    }
}
