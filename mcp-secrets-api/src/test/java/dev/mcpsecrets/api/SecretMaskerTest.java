package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {
    private static final String TOKEN = "PLANTED-ghp_4f9Qx7LmZr2Kd8Wc1Vb6";
    /** Has a space, a quote, a backslash, a slash, a newline, an accent and an emoji: every encoder differs. */
    private static final String AWKWARD = "PLANTED pa\"ss\\wo/rd\né-\uD83D\uDE00-end";

    private static SecretMasker maskerWith(String name, String value) {
        SecretMasker masker = SecretMasker.create();
        masker.register(name, Secret.of(value));
        return masker;
    }

    @Test
    void nothingRegisteredReturnsTheSameText() {
        SecretMasker masker = SecretMasker.create();
        String text = "line with " + TOKEN;
        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask(text)).isSameAs(text);
        assertThat(masker.maskJson(text)).isSameAs(text);
    }

    @Test
    void rawValueIsReplacedByItsName() {
        SecretMasker masker = maskerWith("GITHUB_TOKEN", TOKEN);
        assertThat(masker.mask("token=" + TOKEN + " and again " + TOKEN + TOKEN))
                .isEqualTo("token=<redacted:GITHUB_TOKEN> and again <redacted:GITHUB_TOKEN><redacted:GITHUB_TOKEN>");
        String clean = "nothing to see";
        assertThat(masker.mask(clean)).isSameAs(clean);
    }

    @Test
    void urlEncodedFormsAreReplaced() {
        SecretMasker masker = maskerWith("PW", AWKWARD);
        String java = URLEncoder.encode(AWKWARD, StandardCharsets.UTF_8);
        assertThat(java).contains("+").contains("%22");
        String rfc = java.replace("+", "%20").replace("*", "%2A");
        String lower = lowerHex(rfc);
        for (String encoded : new String[] {java, rfc, lower, lowerHex(java)}) {
            assertThat(masker.mask("https://h/cb?p=" + encoded + "&x=1")).isEqualTo("https://h/cb?p=<redacted:PW>&x=1");
        }
    }

    private static String lowerHex(String encoded) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                sb.append('%').append(encoded.substring(i + 1, i + 3).toLowerCase(java.util.Locale.ROOT));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void jsonEscapedFormsAreReplaced() {
        SecretMasker masker = maskerWith("PW", AWKWARD);
        String minimal = "PLANTED pa\\\"ss\\\\wo/rd\\né-\uD83D\uDE00-end";
        String slashes = minimal.replace("/", "\\/");
        String ascii = "PLANTED pa\\\"ss\\\\wo/rd\\n\\u00e9-\\ud83d\\ude00-end";
        String asciiUpper = "PLANTED pa\\\"ss\\\\wo/rd\\n\\u00E9-\\uD83D\\uDE00-end";
        for (String escaped : new String[] {minimal, slashes, ascii, asciiUpper}) {
            String json = "{\"error\":\"bad password " + escaped + "\"}";
            assertThat(masker.maskJson(json)).isEqualTo("{\"error\":\"bad password <redacted:PW>\"}");
            assertThat(masker.mask(json)).isEqualTo("{\"error\":\"bad password <redacted:PW>\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void base64FormsAreReplacedAtEveryAlignment(int prefixBytes) {
        SecretMasker masker = maskerWith("T", TOKEN);
        byte[] secret = TOKEN.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            for (int suffixBytes = 0; suffixBytes < 3; suffixBytes++) {
                byte[] framed = new byte[prefixBytes + secret.length + suffixBytes];
                java.util.Arrays.fill(framed, (byte) 0xFB);
                System.arraycopy(secret, 0, framed, prefixBytes, secret.length);
                String encoded = encoder.encodeToString(framed);
                String masked = masker.mask("Authorization: Basic " + encoded);
                assertThat(masked).startsWith("Authorization: Basic ").contains("<redacted:T>");
                String rest = masked.substring("Authorization: Basic ".length());
                int at = rest.indexOf("<redacted:T>");
                String before = rest.substring(0, at);
                String after = rest.substring(at + "<redacted:T>".length());
                assertThat(encoded).startsWith(before).endsWith(after);
                // what is left holds the neighbours' bytes and at most a few bits of the value at each end
                assertThat(before.length()).isLessThanOrEqualTo((8 * prefixBytes + 5) / 6);
                assertThat(after.length()).isLessThanOrEqualTo((8 * suffixBytes + 5) / 6 + 3);
            }
        }
    }

    @Test
    void aValueSplitByteByByteOverWritesIsReplaced() throws Exception {
        SecretMasker masker = maskerWith("T", TOKEN);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = masker.maskingStream(sink);
        for (byte b : ("error: token " + TOKEN + " rejected\n").getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("error: token <redacted:T> rejected\n");
        out.close();
    }

    @Test
    void aStreamPassesFinishedLinesAtOnceAndHoldsOnlyAPossibleStart() throws Exception {
        SecretMasker masker = maskerWith("T", TOKEN);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = masker.maskingStream(sink);
        out.write("ready\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ready\n");
        // the first half of the value: could still become the value, so it is held
        out.write(("token " + TOKEN.substring(0, 12)).getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ready\ntoken ");
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ready\ntoken ");
        out.write((TOKEN.substring(12) + " ok").getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).startsWith("ready\ntoken <redacted:T>");
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("ready\ntoken <redacted:T> ok");
    }

    @Test
    void aLineEndDecidesAHeldPrefix() throws Exception {
        SecretMasker masker = maskerWith("T", TOKEN);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = masker.maskingStream(sink);
        out.write((TOKEN.substring(0, 20)).getBytes(StandardCharsets.UTF_8));
        assertThat(sink.size()).isZero();
        out.write("\n".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(TOKEN.substring(0, 20) + "\n");
    }

    @Test
    void valuesOfTheSameLengthThatDifferAreNotMasked() {
        SecretMasker masker = maskerWith("T", TOKEN);
        String near = TOKEN.substring(0, TOKEN.length() - 1) + "7";
        String shifted = "X" + TOKEN.substring(1);
        for (String other : new String[] {near, shifted, TOKEN.toLowerCase(java.util.Locale.ROOT)}) {
            assertThat(masker.mask("value " + other)).isEqualTo("value " + other);
        }
    }

    @Test
    void jsonMaskingKeepsTheJsonValidAndLeavesValuesOutsideStrings() {
        SecretMasker masker = maskerWith("PIN", "PLANTED98765");
        masker.register("NUM", Secret.of("982451653"));
        String json = "{\"a\":\"x PLANTED98765 y\",\"n\":982451653,\"k\":\"\\u0041982451653\"}";
        assertThat(masker.maskJson(json))
                .isEqualTo("{\"a\":\"x <redacted:PIN> y\",\"n\":982451653,\"k\":\"\\u0041<redacted:NUM>\"}");
        // a value that would cut the closing quote is not replaced in JSON mode
        SecretMasker quoteEnd = maskerWith("Q", "PLANTED\"end");
        String cut = "{\"a\":\"PLANTED\",\"end\":1}";
        assertThat(quoteEnd.maskJson(cut)).isSameAs(cut);
    }

    @Test
    void destroyingTheSecretEndsMaskingButALiveCopyKeepsIt() {
        SecretMasker masker = SecretMasker.create();
        Secret secret = Secret.of(TOKEN);
        masker.register("T", secret);
        Secret copy = secret.copy();
        secret.destroy();
        assertThat(masker.mask(TOKEN)).isEqualTo("<redacted:T>");
        copy.destroy();
        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask(TOKEN)).isEqualTo(TOKEN);
    }

    @Test
    void registeringTwiceNeedsBothDestroyed() {
        SecretMasker masker = SecretMasker.create();
        Secret a = Secret.of(TOKEN);
        Secret b = Secret.of(TOKEN);
        masker.register("T", a);
        masker.register("T", b);
        a.destroy();
        assertThat(masker.mask(TOKEN)).isEqualTo("<redacted:T>");
        b.destroy();
        assertThat(masker.mask(TOKEN)).isEqualTo(TOKEN);
    }

    @Test
    void closingDropsEverythingAndLaterRegistrationsDoNothing() {
        SecretMasker masker = maskerWith("T", TOKEN);
        masker.close();
        assertThat(masker.mask(TOKEN)).isEqualTo(TOKEN);
        masker.register("T", Secret.of(TOKEN));
        assertThat(masker.isEmpty()).isTrue();
    }

    @Test
    void shortValuesAreNotMaskedAndNamesAreMadeSafe() {
        SecretMasker masker = maskerWith("PIN", "123");
        assertThat(masker.isEmpty()).isTrue();
        masker.register("a\"b\\c\nd", Secret.of(TOKEN));
        assertThat(masker.maskJson("{\"x\":\"" + TOKEN + "\"}")).isEqualTo("{\"x\":\"<redacted:a_b_c_d>\"}");
    }

    @Test
    void theFacadeRegistersWhatItHandsOut() throws Exception {
        SecretMasker masker = SecretMasker.create();
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(BuiltInProviders.environment())
                .environment(Map.of("GITHUB_TOKEN", TOKEN, "DB_PASSWORD", "PLANTED-db-pw-123"))
                .masker(masker).build()) {
            assertThat(masker.isEmpty()).isTrue();
            Secret token = secrets.resolve("env:MISSING || env:GITHUB_TOKEN");
            assertThat(masker.mask("t=" + TOKEN)).isEqualTo("t=<redacted:env:GITHUB_TOKEN>");
            Map<String, Secret> all = secrets.resolveAll(Map.of("DB", "env:DB_PASSWORD"));
            assertThat(masker.mask("pw PLANTED-db-pw-123")).isEqualTo("pw <redacted:DB>");
            token.destroy();
            all.values().forEach(Secret::destroy);
            assertThat(masker.isEmpty()).isTrue();
            // a cached value handed out again is registered again
            Secret again = secrets.resolve("env:GITHUB_TOKEN");
            assertThat(masker.mask(TOKEN)).isEqualTo("<redacted:env:GITHUB_TOKEN>");
            again.destroy();
        }
    }

    @Test
    void noValueInDescriptions() {
        SecretMasker masker = maskerWith("T", TOKEN);
        assertThat(masker.toString()).doesNotContain("PLANTED").contains("1 values");
    }
}
