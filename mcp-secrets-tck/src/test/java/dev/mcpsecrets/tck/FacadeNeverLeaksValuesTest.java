package dev.mcpsecrets.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hard rule of DESIGN.md as a property: for generated values, nothing the facade produces —
 * toString, exception messages and traces, audit and other log lines at every level — contains the value.
 */
class FacadeNeverLeaksValuesTest {
    @Property(tries = 150)
    void noGeneratedValueAppearsInToStringExceptionsOrLogs(@ForAll("values") String value) throws Exception {
        CapturedLogs.clear();
        List<String> texts = new ArrayList<>();
        Map<String, String> env = Map.of("TOKEN_A", value, "TOKEN_B", value + "-b");
        try (Secrets secrets = Secrets.builder().environment(env).cacheTtl(Duration.ofMinutes(1)).build()) {
            Secret a = secrets.resolve("env:TOKEN_A");
            texts.add(a.toString());
            texts.add(secrets.resolve("env:MISSING || env:TOKEN_A").toString());
            texts.add(secrets.resolve("env:TOKEN_A").toString());
            Map<String, String> wanted = new LinkedHashMap<>();
            wanted.put("A", "env:TOKEN_A");
            wanted.put("B", "env:TOKEN_B");
            wanted.put("C", "env:NOT_SET_" + Math.abs(value.hashCode()));
            try {
                secrets.resolveAll(wanted);
            } catch (SecretException e) {
                texts.add(trace(e));
            }
            texts.add(secrets.resolveAll(Map.of("A", "env:TOKEN_A", "B", "env:TOKEN_B")).toString());
            texts.add(secrets.toString());
            texts.add(String.valueOf(secrets.providers()));
        }
        texts.addAll(CapturedLogs.lines());
        assertThat(CapturedLogs.lines()).as("audit events were captured").isNotEmpty();
        for (String text : texts) {
            assertThat(text).doesNotContain(value);
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().ofMinLength(6).ofMaxLength(40).map(s -> "\u00a7" + s);
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return e.getMessage() + w;
    }
}
