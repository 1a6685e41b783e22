package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OpReferenceTest {
    private static OpReference parse(String text) throws Exception {
        return OpReference.parse(SecretRef.parse(text));
    }

    @Test
    void fieldWithoutSectionHasThreeParts() throws Exception {
        OpReference r = parse("op://dev/Stripe/publishable-key");
        assertThat(r.vault()).isEqualTo("dev");
        assertThat(r.item()).isEqualTo("Stripe");
        assertThat(r.section()).isNull();
        assertThat(r.field()).isEqualTo("publishable-key");
        assertThat(r.attribute()).isNull();
    }

    @Test
    void fieldInsideSectionHasFourParts() throws Exception {
        OpReference r = parse("op://Management/PagerDuty/Admin/email");
        assertThat(r.section()).isEqualTo("Admin");
        assertThat(r.field()).isEqualTo("email");
    }

    @Test
    void namesWithSpacesAndIdsAreAccepted() throws Exception {
        OpReference r = parse("op://My Vault/GitHub token/one-time password?attribute=otp");
        assertThat(r.vault()).isEqualTo("My Vault");
        assertThat(r.item()).isEqualTo("GitHub token");
        assertThat(r.attribute()).isEqualTo("otp");
        assertThat(parse("op://jh5xah4pq1iv312jkmn5lmiawv/0zmf6i0kahhlu1pbjkfr40zwau/password").vault())
                .isEqualTo("jh5xah4pq1iv312jkmn5lmiawv");
    }

    @Test
    void attributeIsCaseInsensitiveAndSshFormatIsKept() throws Exception {
        assertThat(parse("op://v/i/f?attribute=OTP").attribute()).isEqualTo("otp");
        assertThat(parse("op://server/ssh/private key?ssh-format=openssh").sshFormat()).isEqualTo("openssh");
    }

    @Test
    void missingFieldNamesTheProblem() {
        assertThatThrownBy(() -> parse("op://vault/item"))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageContaining("found 2 parts")
                .hasMessageContaining("op://vault/item/field");
    }

    @Test
    void emptyPartIsNamedWithItsPosition() {
        assertThatThrownBy(() -> parse("op://vault//field"))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageContaining("the item part is empty")
                .satisfies(e -> assertThat(((MalformedRefException) e).position()).isEqualTo(11));
    }

    @Test
    void unsupportedCharacterSuggestsTheId() {
        assertThatThrownBy(() -> parse("op://vault/it@em/field"))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageContaining("the item part has a character 1Password references do not allow")
                .hasMessageContaining("column 14")
                .hasMessageContaining("by its ID");
    }

    @Test
    void missingSlashesAndUnknownQueryAreMalformed() {
        assertThatThrownBy(() -> parse("op:vault/item/field")).hasMessageContaining("start with op://");
        assertThatThrownBy(() -> parse("op://v/i/f?attribute=colour")).hasMessageContaining("unknown attribute")
                .hasMessageNotContaining("colour");
        assertThatThrownBy(() -> parse("op://v/i/f?format=x")).hasMessageContaining("unknown query parameter")
                .hasMessageNotContaining("format=");
        assertThatThrownBy(() -> parse("op://v/i/s/f/extra")).hasMessageContaining("found 5 parts");
    }

    @Test
    void malformedReferenceIsDescribedNotQuoted() {
        assertThatThrownBy(() -> parse("op://v/PLANTED:pw@x/f"))
                .isInstanceOf(MalformedRefException.class)
                .hasMessageNotContaining("PLANTED")
                .hasMessageContaining("'op:' (21 characters, not shown)");
    }

    @Test
    void referencesToOneItemShareAGroupKey() throws Exception {
        assertThat(parse("op://Private/GitHub/token").itemKey()).isEqualTo(parse("op://private/github/user").itemKey());
    }

    @Property(tries = 500)
    void arbitraryBodiesEitherParseOrFailAsMalformed(@ForAll String body) {
        SecretRef ref;
        try {
            ref = SecretRef.of("op", body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        try {
            OpReference r = OpReference.parse(ref);
            assertThat(r.text()).isEqualTo(ref.format());
        } catch (SecretException e) {
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        }
    }
}
