package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.SecretRef;
import org.junit.jupiter.api.Test;

class EntryTextTest {
    private static final String ENTRY = "hunter2-pw\r\nUser: bob \nurl:https://example.org:8443/x\n"
            + "\tpin :\t 12 34 \t\nnote without colon\nuser: second\n";

    private static String pick(String content, String ref) throws Exception {
        char[] part = EntryText.select(content.toCharArray(), PassEntry.parse(SecretRef.parse(ref)));
        return part == null ? null : new String(part);
    }

    @Test
    void theFirstLineWithoutItsLineEnd() throws Exception {
        assertThat(pick(ENTRY, "pass:e")).isEqualTo("hunter2-pw");
        assertThat(pick("only", "pass:e")).isEqualTo("only");
    }

    @Test
    void fieldsMatchIgnoringCaseAndLoseSurroundingBlanks() throws Exception {
        assertThat(pick(ENTRY, "pass:e#user")).isEqualTo("bob");
        assertThat(pick(ENTRY, "pass:e#URL")).isEqualTo("https://example.org:8443/x");
        assertThat(pick(ENTRY, "pass:e#pin")).isEqualTo("12 34");
    }

    @Test
    void theFirstLineIsNeverAField() throws Exception {
        assertThat(pick("token: abc\nuser: x\n", "pass:e#token")).isNull();
    }

    @Test
    void linesCountFromOneAndAFinalLineBreakEndsTheLastLine() throws Exception {
        assertThat(pick(ENTRY, "pass:e#line=2")).isEqualTo("User: bob ");
        assertThat(pick(ENTRY, "pass:e#line=6")).isEqualTo("user: second");
        assertThat(pick(ENTRY, "pass:e#line=7")).isNull();
        assertThat(pick("a\n\nc", "pass:e#line=2")).isEmpty();
    }

    @Test
    void missingFieldIsAbsent() throws Exception {
        assertThat(pick(ENTRY, "pass:e#login")).isNull();
        assertThat(pick("", "pass:e")).isNull();
    }

    @Test
    void unicodeSurvives() throws Exception {
        assertThat(pick("пароль-密码-🔑\nСервер: ёлка\n", "pass:e")).isEqualTo("пароль-密码-🔑");
        assertThat(pick("пароль-密码-🔑\nСервер: ёлка\n", "pass:e#сервер")).isEqualTo("ёлка");
    }
}
