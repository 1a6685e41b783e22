package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SecretRefTest {
    @Test
    void parsesEveryWellKnownForm() throws Exception {
        assertThat(SecretRef.parse("env:GITHUB_TOKEN").body()).isEqualTo("GITHUB_TOKEN");
        assertThat(SecretRef.parse("file:/run/secrets/db_password").scheme()).isEqualTo("file");
        assertThat(SecretRef.parse("dotenv:/path/to/.env#BRAVE_API_KEY").body()).isEqualTo("/path/to/.env#BRAVE_API_KEY");
        assertThat(SecretRef.parse("keychain:github-mcp/token").body()).isEqualTo("github-mcp/token");
        SecretRef op = SecretRef.parse("op://Private/GitHub/token?attribute=otp");
        assertThat(op.scheme()).isEqualTo("op");
        assertThat(op.body()).isEqualTo("//Private/GitHub/token?attribute=otp");
    }

    @Test
    void parsesFallbacksInOrder() throws Exception {
        List<SecretRef> refs = SecretRef.parseAlternatives("keychain:gh/token || env:GITHUB_TOKEN");
        assertThat(refs).extracting(SecretRef::format).containsExactly("keychain:gh/token", "env:GITHUB_TOKEN");
        assertThat(SecretRef.formatAlternatives(refs)).isEqualTo("keychain:gh/token || env:GITHUB_TOKEN");
    }

    @Test
    void namesWithSpacesAreKept() throws Exception {
        assertThat(SecretRef.parse("op://My Vault/My Item/password").body()).isEqualTo("//My Vault/My Item/password");
    }

    @Test
    void unknownSchemeSaysWhichSchemesAreKnownWithoutQuotingTheText() {
        assertThatThrownBy(() -> SecretRef.parse("nope:x", Set.of("env", "file")))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageNotContaining("nope")
                .hasMessageContaining("unknown scheme")
                .hasMessageContaining("(6 characters, not shown)")
                .hasMessageContaining("known schemes: env, file");
    }

    @Test
    void userPasswordAndUrlCredentialsAreNeverEchoed() {
        for (String pasted : List.of("admin:PLANTED-pw", "https://x-access-token:PLANTED-pw@github.com",
                "postgresql://app:PLANTED-pw@db/app")) {
            assertThatThrownBy(() -> SecretRef.parseAlternatives(pasted, SecretRef.WELL_KNOWN_SCHEMES))
                    .isInstanceOfSatisfying(MalformedRefException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain("PLANTED").doesNotContain("admin")
                                .doesNotContain("x-access-token").contains("known schemes: aws-sm, dotenv, env, file, keychain, op");
                        assertThat(e.reference()).hasValueSatisfying(r -> assertThat(r).doesNotContain("PLANTED"));
                    });
        }
    }

    @Test
    void bareTokenAfterAGoodAlternativeIsNotEchoedAndItsAlternativeIsNamed() {
        assertThatThrownBy(() -> SecretRef.parseAlternatives("env:A || PLANTED-token", Set.of("env")))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageNotContaining("PLANTED")
                .hasMessageNotContaining("env:A")
                .hasMessageContaining("alternative 2 of 2");
    }

    @Test
    void providerRejectionDescribesTheReferenceByItsSchemeAndLength() throws Exception {
        MalformedRefException e = MalformedRefException.of(SecretRef.parse("env:a:PLANTED"), 4, "not a name");
        assertThat(e.getMessage()).doesNotContain("PLANTED").contains("'env:'").contains("13 characters")
                .contains("column 5").contains("not a name");
    }

    @Test
    void emptyAlternativeIsReportedWithItsColumn() {
        assertThatThrownBy(() -> SecretRef.parseAlternatives("env:A || "))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageContaining("empty reference")
                .satisfies(e -> assertThat(((MalformedRefException) e).position()).isEqualTo(9));
    }

    @Test
    void emptyBodyIsMalformed() {
        assertThatThrownBy(() -> SecretRef.parse("env:")).hasMessageContaining("nothing after 'env:'");
    }

    @Test
    void controlCharacterIsMalformed() {
        assertThatThrownBy(() -> SecretRef.parse("env:A\nB")).hasMessageContaining("control character");
    }

    @Test
    void textWithoutSchemeIsNeverEchoed() {
        assertThatThrownBy(() -> SecretRef.parse("sk-live-THIS-COULD-BE-A-KEY"))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageNotContaining("sk-live")
                .hasMessageContaining("not shown");
    }

    @Test
    void malformedReasonIsMalformed() {
        assertThatThrownBy(() -> SecretRef.parse(":x"))
                .isInstanceOfSatisfying(MalformedRefException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void ofRejectsInvalidParts() {
        assertThatThrownBy(() -> SecretRef.of("Bad", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretRef.of("env", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void formatThenParseIsIdentity(@ForAll("refs") SecretRef ref) throws Exception {
        SecretRef back = SecretRef.parse(ref.format());
        assertThat(back).isEqualTo(ref);
        assertThat(back.format()).isEqualTo(ref.format());
    }

    @Property(tries = 300)
    void alternativesRoundTrip(@ForAll("alternatives") List<SecretRef> refs) throws Exception {
        assertThat(SecretRef.parseAlternatives(SecretRef.formatAlternatives(refs))).isEqualTo(refs);
    }

    @Property(tries = 500)
    void parsingArbitraryTextOnlyEverFailsWithMalformedRef(@ForAll String text) {
        try {
            SecretRef.parseAlternatives(text);
        } catch (MalformedRefException e) {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        }
    }

    @Provide
    Arbitrary<SecretRef> refs() {
        Arbitrary<String> schemes = Arbitraries.oneOf(Arbitraries.of(SecretRef.WELL_KNOWN_SCHEMES),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(3)
                        .flatMap(head -> Arbitraries.strings().withChars("abz09+.-").ofMaxLength(5).map(t -> head + t)));
        Arbitrary<String> bodies = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isEmpty() && s.strip().equals(s) && !s.contains("||")
                        && s.chars().noneMatch(Character::isISOControl));
        return Combinators.combine(schemes, bodies).as(SecretRef::of);
    }

    @Test
    void referenceExpressionsAreTellFromValuesThatOnlyStartLikeOne() {
        Set<String> known = Set.of("env", "op", "keychain");
        assertThat(SecretRef.isReferenceExpression("env:GITHUB_TOKEN", known)).isTrue();
        assertThat(SecretRef.isReferenceExpression("  op://vault/item/field || env:TOKEN ", known)).isTrue();
        // a password that starts like a reference, an unknown scheme, a half-written expression, plain text
        assertThat(SecretRef.isReferenceExpression("admin:PLANTED-pw", known)).isFalse();
        assertThat(SecretRef.isReferenceExpression("vault:secret/app#token", known)).isFalse();
        assertThat(SecretRef.isReferenceExpression("env:TOKEN ||", known)).isFalse();
        assertThat(SecretRef.isReferenceExpression("env:", known)).isFalse();
        assertThat(SecretRef.isReferenceExpression("ghp_PLANTED0123456789", known)).isFalse();
        assertThat(SecretRef.isReferenceExpression("", known)).isFalse();
    }

    @Property
    void anyTextIsAnsweredWithoutThrowingAndOnlyReferencesPass(@ForAll String text) {
        boolean reference = SecretRef.isReferenceExpression(text, SecretRef.WELL_KNOWN_SCHEMES);
        assertThat(!reference || SecretRef.looksLikeReference(text)).isTrue();
    }

    @Provide
    Arbitrary<List<SecretRef>> alternatives() {
        return refs().filter(r -> !r.body().endsWith("|") && !r.body().startsWith("|")).list().ofMinSize(1).ofMaxSize(4);
    }
}
