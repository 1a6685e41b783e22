package dev.mcpsecrets.keychain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;

class KeychainItemTest {
    private static final Map<String, String> ENV = Map.of("USER", "alice");

    @Test
    void serviceAloneTakesTheUserFromTheEnvironment() throws Exception {
        assertThat(KeychainItem.of(SecretRef.of("keychain", "github-mcp-token"), ENV))
                .isEqualTo(new KeychainItem("github-mcp-token", "alice"));
    }

    @Test
    void usernameIsTheFallbackForWindows() {
        assertThat(KeychainItem.defaultAccount(Map.of("USERNAME", "bob"))).isEqualTo("bob");
        assertThat(KeychainItem.defaultAccount(Map.of())).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void accountIsEverythingAfterTheFirstSlash() throws Exception {
        assertThat(KeychainItem.of(SecretRef.of("keychain", "github-mcp/ci/bot@example.com"), ENV))
                .isEqualTo(new KeychainItem("github-mcp", "ci/bot@example.com"));
    }

    @Test
    void referenceAndDescriptionNameBothParts() {
        KeychainItem item = new KeychainItem("svc", "acct");
        assertThat(item.reference()).isEqualTo("keychain:svc/acct");
        assertThat(item.describe()).isEqualTo("keychain service 'svc' account 'acct'");
    }

    @Test
    void emptyServiceIsMalformedWithTheFormInTheMessage() {
        assertThatThrownBy(() -> KeychainItem.of(SecretRef.of("keychain", "/alice"), ENV))
                .isInstanceOfSatisfying(SecretException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    // a body the keychain rejects may be a value typed in the wrong place: not quoted
                    assertThat(e.getMessage()).doesNotContain("alice").contains("'keychain:'")
                            .contains("service name is empty").contains("keychain:SERVICE/ACCOUNT");
                    assertThat(e.reference()).hasValueSatisfying(r -> assertThat(r).doesNotContain("alice"));
                });
    }

    @Test
    void emptyAccountAfterSlashIsMalformed() {
        assertThatThrownBy(() -> KeychainItem.of(SecretRef.of("keychain", "svc/"), ENV))
                .isInstanceOfSatisfying(SecretException.class, e -> assertThat(e.getMessage()).contains("account"));
    }

    @Test
    void surroundingWhiteSpaceIsMalformed() {
        assertThatThrownBy(() -> new KeychainItem(" svc", "a")).hasMessageContaining("white space");
    }

    @Property
    void anyCleanServiceAndAccountRoundTripThroughTheReference(@ForAll @AlphaChars @NotBlank String service,
            @ForAll @NotBlank String account) throws Exception {
        KeychainItem item;
        try {
            item = new KeychainItem(service, account);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).startsWith("the account name");
            return;
        }
        SecretRef ref = SecretRef.parse(item.reference());
        assertThat(KeychainItem.of(ref, ENV)).isEqualTo(item);
    }
}
