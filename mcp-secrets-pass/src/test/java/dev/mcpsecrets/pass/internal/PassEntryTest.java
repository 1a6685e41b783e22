package dev.mcpsecrets.pass.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretRef;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassEntryTest {
    private static PassEntry parse(String text) throws MalformedRefException {
        return PassEntry.parse(SecretRef.parse(text));
    }

    @Test
    void plainNameMeansTheFirstLine() throws Exception {
        PassEntry e = parse("pass:email/work");
        assertThat(e.name()).isEqualTo("email/work");
        assertThat(e.field()).isNull();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.text()).isEqualTo("pass:email/work");
    }

    @Test
    void hashNamesAFieldOrALine() throws Exception {
        assertThat(parse("pass:db/prod#user").field()).isEqualTo("user");
        PassEntry line = parse("pass:db/prod#line=3");
        assertThat(line.field()).isNull();
        assertThat(line.line()).isEqualTo(3);
        assertThat(line.text()).isEqualTo("pass:db/prod#line=3");
        assertThat(parse("pass:équipe/clé#URL").name()).isEqualTo("équipe/clé");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass:../etc/passwd", "pass:a/../../b", "pass:a/..", "pass:./a", "pass:/etc/shadow",
        "pass:-rf", "pass:a//b", "pass:a/", "pass:#user", "pass:a#", "pass:a#line=0", "pass:a#line=01",
        "pass:a#line=x", "pass:a#line=1234567", "pass:a#a:b", "pass:a# user", "pass:a\u202eb"})
    void badReferencesAreMalformed(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(MalformedRefException.class)
                .satisfies(e -> assertThat(((MalformedRefException) e).reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aLongReferenceIsNotRepeatedInTheMessage() {
        String body = "x".repeat(300) + "/..";
        assertThatThrownBy(() -> parse("pass:" + body)).isInstanceOf(MalformedRefException.class)
                .hasMessageNotContaining("xxxxxxxxxx").hasMessageContaining("308 characters");
    }

    @Test
    void aForeignSchemeIsMalformed() {
        assertThatThrownBy(() -> parse("env:HOME")).isInstanceOf(MalformedRefException.class);
    }

    @Test
    void nameProblemsNeverRepeatTheName() {
        assertThat(PassEntry.nameProblem("../s3cr3tvalue")).doesNotContain("s3cr3tvalue");
        assertThat(PassEntry.nameProblem("ok/name")).isNull();
    }

    /** Any body parses or fails as MALFORMED, and a parsed one never escapes the store. */
    @Property(tries = 500)
    void anyBodyParsesOrIsMalformed(@ForAll @StringLength(min = 1, max = 60) String body) {
        SecretRef ref;
        try {
            ref = SecretRef.of("pass", body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        try {
            PassEntry e = PassEntry.parse(ref);
            assertThat(e.name()).doesNotStartWith("/").doesNotStartWith("-");
            assertThat(("/" + e.name() + "/").contains("/../")).isFalse();
        } catch (MalformedRefException e) {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        }
    }
}
