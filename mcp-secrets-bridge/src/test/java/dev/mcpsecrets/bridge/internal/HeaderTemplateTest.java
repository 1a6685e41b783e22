package dev.mcpsecrets.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretRef;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class HeaderTemplateTest {
    private static final Set<String> SCHEMES = SecretRef.WELL_KNOWN_SCHEMES;

    @Test
    void bracesHoldReferencesAndDoubledBracesAreLiteral() {
        HeaderTemplate t = HeaderTemplate.parseLine("Authorization: Bearer {op://Private/Notion/token}", SCHEMES);
        assertThat(t.name()).isEqualTo("Authorization");
        assertThat(t.references()).containsExactly("op://Private/Notion/token");
        assertThat(t.render(Map.of("op://Private/Notion/token", Secret.of("PLANTED-v")))).isEqualTo("Bearer PLANTED-v");

        HeaderTemplate escaped = HeaderTemplate.parse("X-Json", "{{\"a\":{env:A}}}", SCHEMES);
        assertThat(escaped.references()).containsExactly("env:A");
        assertThat(escaped.render(Map.of("env:A", Secret.of("1")))).isEqualTo("{\"a\":1}");
    }

    @Test
    void dollarBraceNamesAnEnvironmentVariableAndAlternativesStayTogether() {
        HeaderTemplate t = HeaderTemplate.parse("X-Key", "${API_KEY}-{keychain:svc/key || env:KEY}", SCHEMES);
        assertThat(t.references()).containsExactly("env:API_KEY", "keychain:svc/key || env:KEY");
        // not a variable name: the dollar is literal and the braces a reference
        assertThat(HeaderTemplate.parse("X", "${env:B}", SCHEMES).references()).containsExactly("env:B");
        assertThat(HeaderTemplate.parse("X", "${{A}}", SCHEMES).render(Map.of())).isEqualTo("${A}");
    }

    @Test
    void malformedValuesAreRefusedByColumnWithoutShowingTheText() {
        String planted = "PLANTED-ntn_4f9e2a";
        assertThatThrownBy(() -> HeaderTemplate.parse("Authorization", "Bearer {" + planted + "}", SCHEMES))
                .isInstanceOf(BridgeFailure.class).hasMessageContaining("column 8")
                .hasMessageNotContaining(planted).extracting(e -> ((BridgeFailure) e).kind()).isEqualTo(BridgeFailure.Kind.USAGE);
        assertThatThrownBy(() -> HeaderTemplate.parse("A", "x {env:A", SCHEMES)).hasMessageContaining("no closing '}'");
        assertThatThrownBy(() -> HeaderTemplate.parse("A", planted + "}", SCHEMES)).hasMessageContaining("'}' without '{'")
                .hasMessageNotContaining(planted);
        assertThatThrownBy(() -> HeaderTemplate.parse("A", "a\nb", SCHEMES)).hasMessageContaining("control character");
        assertThatThrownBy(() -> HeaderTemplate.parseLine(planted, SCHEMES)).hasMessageContaining("NAME: VALUE")
                .hasMessageNotContaining(planted);
        assertThatThrownBy(() -> HeaderTemplate.parse("Mcp-Session-Id", "x", SCHEMES)).hasMessageContaining("set by the bridge");
        assertThatThrownBy(() -> HeaderTemplate.parse("Bad Name", "x", SCHEMES)).hasMessageContaining("header name");
    }

    @Test
    void aSecretThatCannotBeAHeaderValueIsRefusedWithoutShowingIt() {
        HeaderTemplate t = HeaderTemplate.parse("Authorization", "Bearer {env:T}", SCHEMES);
        assertThatThrownBy(() -> t.render(Map.of("env:T", Secret.of("PLANTED-a\r\nX-Injected: 1"))))
                .isInstanceOf(BridgeFailure.class).hasMessageContaining("{env:T}").hasMessageNotContaining("PLANTED");
    }

    @Test
    void describeShowsReferencesNeverLiteralText() {
        HeaderTemplate t = HeaderTemplate.parse("Authorization", "Bearer PLANTED-literal {env:T}", SCHEMES);
        assertThat(t.describe()).isEqualTo("'Authorization' (from {env:T})");
        assertThat(t.toString()).doesNotContain("PLANTED");
        assertThat(HeaderTemplate.parse("Authorization", "Bearer PLANTED-x", SCHEMES).isLiteral()).isTrue();
    }

    @Property
    void anyTextWithItsBracesDoubledRendersAsItself(@ForAll @StringLength(max = 40) String text) {
        String printable = text.chars().filter(c -> c >= 0x20 && c <= 0x7e)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        String written = printable.replace("{", "{{").replace("}", "}}");
        HeaderTemplate t = HeaderTemplate.parse("X-Text", written, SCHEMES);
        if (t.isLiteral()) {
            assertThat(t.render(Map.of())).isEqualTo(printable);
        } else {
            // only ${NAME} turns into a reference
            assertThat(written).contains("${");
        }
    }
}
