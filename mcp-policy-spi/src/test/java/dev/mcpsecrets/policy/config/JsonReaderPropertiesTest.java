package dev.mcpsecrets.policy.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Differential properties: our reader agrees with Jackson on every document Jackson writes. */
class JsonReaderPropertiesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Provide
    Arbitrary<JsonNode> documents() {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.integers().map(i -> MAPPER.getNodeFactory().numberNode(i)),
                Arbitraries.doubles().map(d -> MAPPER.getNodeFactory().numberNode(d)),
                Arbitraries.of(true, false).map(b -> MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.just(MAPPER.getNodeFactory().nullNode()));
        return Arbitraries.recursive(() -> leaves, this::containers, 4);
    }

    private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
        Arbitrary<JsonNode> arrays = inner.list().ofMaxSize(4).map(list -> {
            var a = MAPPER.createArrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), inner).ofMaxSize(4).map(m -> {
            var o = MAPPER.createObjectNode();
            m.forEach(o::set);
            return o;
        });
        return Arbitraries.oneOf(arrays, objects);
    }

    @Property(tries = 300)
    void readerAgreesWithJackson(@ForAll("documents") JsonNode node, @ForAll boolean pretty) throws Exception {
        String text = pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                : MAPPER.writeValueAsString(node);
        JsonDocument doc = JsonReader.parse(text, Path.of("p.json"), JsonDialect.STRICT);
        assertThat(doc.problems()).isEmpty();
        assertSame(node, doc.root().orElseThrow(), text);
    }

    private static void assertSame(JsonNode expected, JsonValue actual, String text) {
        if (expected.isObject()) {
            JsonValue.ObjectValue o = actual.asObject().orElseThrow();
            assertThat(o.members()).hasSize(expected.size());
            Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator();
            for (JsonValue.Member m : o.members()) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThat(m.name()).isEqualTo(e.getKey());
                assertSame(e.getValue(), m.value(), text);
            }
        } else if (expected.isArray()) {
            JsonValue.ArrayValue a = actual.asArray().orElseThrow();
            assertThat(a.elements()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSame(expected.get(i), a.elements().get(i), text);
            }
        } else if (expected.isTextual()) {
            assertThat(actual.asString().orElseThrow().value()).isEqualTo(expected.textValue());
        } else if (expected.isNumber()) {
            assertThat(new java.math.BigDecimal(((JsonValue.NumberValue) actual).text()))
                    .isEqualByComparingTo(expected.decimalValue());
        } else if (expected.isBoolean()) {
            assertThat(((JsonValue.BooleanValue) actual).value()).isEqualTo(expected.booleanValue());
        } else {
            assertThat(actual).isInstanceOf(JsonValue.NullValue.class);
        }
        // every value's position points at the first character of its JSON text
        int offset = offsetOf(text, actual.location().line(), actual.location().column());
        char first = text.charAt(offset);
        assertThat("{[\"-0123456789tfn").contains(String.valueOf(first));
    }

    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return offset + column - 1;
    }
}
