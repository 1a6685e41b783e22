package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SecretMaskerPropertiesTest {
    /** The characters of values: letters, digits and what JSON and URL encoders treat specially. */
    private static final String VALUE_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"\\/é-_.~+=";
    /** The characters around values in the JSON property: none of a value's, so no match can start early. */
    private static final String FILLER_CHARS = " !#$%&()*,;<>?@[]^{|}\t\n";

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars(VALUE_CHARS.toCharArray()).ofMinLength(8).ofMaxLength(48);
    }

    @Provide
    Arbitrary<String> fillers() {
        return Arbitraries.strings().withChars(FILLER_CHARS.toCharArray()).ofMaxLength(40);
    }

    @Property(tries = 300)
    void aValueAmongRandomBytesIsMaskedWhereverTheWritesSplitIt(@ForAll("values") String value,
            @ForAll @Size(max = 64) byte[] before, @ForAll @Size(max = 64) byte[] after,
            @ForAll @Size(max = 12) List<Integer> cuts) throws Exception {
        SecretMasker masker = SecretMasker.create();
        masker.register("S", Secret.of(value));
        byte[] secret = value.getBytes(StandardCharsets.UTF_8);
        byte[] text = concat(before, secret, after);

        byte[] whole = streamed(masker, text, List.of());
        byte[] split = streamed(masker, text, cuts);

        assertThat(split).isEqualTo(whole);
        assertThat(indexOf(split, secret)).isEqualTo(-1);
        assertThat(new String(split, StandardCharsets.ISO_8859_1)).contains("<redacted:S>");
    }

    @Property(tries = 300)
    void otherTextOfTheSameLengthIsNeverMasked(@ForAll("values") String value, @ForAll("values") String other,
            @ForAll("fillers") String before, @ForAll("fillers") String after) {
        String padded = other.length() >= value.length() ? other.substring(0, value.length())
                : other + value.substring(other.length());
        Assume.that(!padded.equals(value));
        SecretMasker masker = SecretMasker.create();
        masker.register("S", Secret.of(value));
        String text = before + padded + after;
        Assume.that(!text.contains(value));
        assertThat(masker.mask(text)).isSameAs(text);
        assertThat(masker.maskJson("{\"k\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"))
                .doesNotContain("<redacted:");
    }

    @Property(tries = 300)
    void jsonMaskingReplacesTheEscapedValueAndKeepsEverythingElse(@ForAll("values") String value,
            @ForAll("fillers") String before, @ForAll("fillers") String after) {
        SecretMasker masker = SecretMasker.create();
        masker.register("S", Secret.of(value));
        String json = "{\"id\":1,\"result\":{\"text\":\"" + escape(before) + escape(value) + escape(after) + "\"}}";
        assertThat(masker.maskJson(json))
                .isEqualTo("{\"id\":1,\"result\":{\"text\":\"" + escape(before) + "<redacted:S>" + escape(after) + "\"}}");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static byte[] streamed(SecretMasker masker, byte[] text, List<Integer> cuts) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = masker.maskingStream(sink)) {
            List<Integer> points = new ArrayList<>();
            for (int c : cuts) {
                points.add(Math.floorMod(c, text.length + 1));
            }
            points.add(text.length);
            points.sort(null);
            int from = 0;
            for (int to : points) {
                out.write(text, from, to - from);
                from = to;
            }
        }
        return sink.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
