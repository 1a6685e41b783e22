package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectTemplateTest {
    private static OpReference ref(String text) throws Exception {
        return OpReference.parse(SecretRef.parse(text));
    }

    @Test
    void templateHoldsReferencesAndNoValues() throws Exception {
        InjectTemplate t = new InjectTemplate(List.of(ref("op://v/a/f"), ref("op://v/b/f")));
        String text = new String(t.text(), StandardCharsets.UTF_8);
        assertThat(text).contains("{{ op://v/a/f }}", "{{ op://v/b/f }}");
    }

    @Test
    void outputSplitsBackIntoValuesEvenWithNewlines() throws Exception {
        List<OpReference> refs = List.of(ref("op://v/a/f"), ref("op://v/b/f"), ref("op://v/c/f"));
        InjectTemplate t = new InjectTemplate(refs);
        String filled = new String(t.text(), StandardCharsets.UTF_8)
                .replace("{{ op://v/a/f }}", "first")
                .replace("{{ op://v/b/f }}", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n")
                .replace("{{ op://v/c/f }}", "");
        Map<String, Secret> values = t.parse(filled.getBytes(StandardCharsets.UTF_8));
        assertThat(values).containsOnlyKeys("op://v/a/f", "op://v/b/f", "op://v/c/f");
        assertThat(values.get("op://v/a/f").revealAsString()).isEqualTo("first");
        assertThat(values.get("op://v/b/f").revealAsString()).isEqualTo("-----BEGIN KEY-----\nabc\n-----END KEY-----\n");
        assertThat(values.get("op://v/c/f").length()).isZero();
    }

    @Test
    void outputOfAnotherShapeIsRejected() throws Exception {
        InjectTemplate t = new InjectTemplate(List.of(ref("op://v/a/f")));
        assertThat(t.parse("something else".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
