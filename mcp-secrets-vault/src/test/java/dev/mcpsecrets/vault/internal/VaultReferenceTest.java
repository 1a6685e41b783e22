package dev.mcpsecrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class VaultReferenceTest {
    private static VaultReference parse(String body) throws SecretException {
        return VaultReference.parse(SecretRef.of("vault", body));
    }

    private static void assertMalformed(String body, String why) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(SecretException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
            assertThat(e.getMessage()).contains(why);
        });
    }

    @Test
    void pathKeyAndVersionInEitherOrder() throws Exception {
        assertThat(parse("secret/app/db#password")).isEqualTo(new VaultReference("vault:secret/app/db#password",
                "secret/app/db", "password", 0));
        assertThat(parse("secret/app/db?version=3#password").version()).isEqualTo(3);
        VaultReference after = parse("secret/app/db#password?version=12");
        assertThat(after.key()).isEqualTo("password");
        assertThat(after.version()).isEqualTo(12);
        assertThat(parse("secret/app/db").key()).isNull();
        assertThat(parse("team/kv/app#a b").key()).isEqualTo("a b");
    }

    @Test
    void referencesToOnePathAndVersionShareARead() throws Exception {
        assertThat(parse("secret/app/db#a").readKey()).isEqualTo(parse("secret/app/db#b").readKey());
        assertThat(parse("secret/app/db?version=2#a").readKey()).isNotEqualTo(parse("secret/app/db#a").readKey());
    }

    @Test
    void badPathsAndQueriesAreMalformedWithTheReason() {
        assertMalformed("secret", "only a mount");
        assertMalformed("/secret/app", "must not start or end");
        assertMalformed("secret/app/", "must not start or end");
        assertMalformed("secret//app", "empty, '.' or '..'");
        assertMalformed("secret/../sys/seal", "empty, '.' or '..'");
        assertMalformed("secret/a%2Fb", "'%'");
        assertMalformed("secret/app#", "key after '#' is empty");
        assertMalformed("secret/app?version=0", "positive whole number");
        assertMalformed("secret/app?version=x", "positive whole number");
        assertMalformed("secret/app?list=true", "only parameter");
    }

    @Test
    void segmentsAreEncodedForTheUrl() {
        assertThat(VaultReference.encodePath("secret/my app/ü?x")).isEqualTo("secret/my%20app/%C3%BC%3Fx");
    }

    @Property(tries = 500)
    void anyBodyParsesOrIsMalformedNeverAnythingElse(@ForAll String body) {
        SecretRef ref;
        try {
            ref = SecretRef.of("vault", body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        try {
            VaultReference r = VaultReference.parse(ref);
            assertThat(r.path()).doesNotStartWith("/").doesNotContain("//");
            assertThat(VaultReference.encodePath(r.path())).doesNotContain("..").doesNotContain("?").doesNotContain("#");
        } catch (SecretException e) {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        }
    }
}
