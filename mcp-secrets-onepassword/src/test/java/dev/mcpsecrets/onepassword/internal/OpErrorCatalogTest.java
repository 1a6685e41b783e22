package dev.mcpsecrets.onepassword.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.api.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpErrorCatalogTest {
    @Test
    void everyRuleCitesWhereItsTextWasSeen() {
        assertThat(OpErrorCatalog.rules()).isNotEmpty();
        assertThat(OpErrorCatalog.rules()).allSatisfy(rule -> {
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.advice()).isNotBlank();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[ERROR] 2023/06/26 11:55:32 (429) Too Many Requests: You've reached the maximum number of this type of requests this service account is allowed to make. Please retry in 58 minutes or try other requests.|RATE_LIMITED",
        "[ERROR] 2026/11/27 10:00:00 You are not currently signed in. Please run `op signin --help` for instructions|LOCKED",
        "[ERROR] 2026/11/27 10:00:00 account is not signed in|LOCKED",
        "No accounts configured for use with 1Password CLI.|LOCKED",
        "[ERROR] 2023/07/24 16:40:27 read: context deadline exceeded|TIMEOUT",
        "could not read secret 'op://Private/x/credential': \"x\" isn't an item in the \"Private\" vault.|NOT_FOUND",
        "\"Engineering\" isn't a vault in this account. Specify the vault with its ID or name.|NOT_FOUND",
        "[ERROR] item 'v/i' does not have a field 'f'|NOT_FOUND",
        "More than one item matches \"GitHub\". Try again and specify the item by its ID|MALFORMED",
        "invalid character in secret reference|MALFORMED",
        "[ERROR] 2025/03/20 20:03:08 \"SOME_VAULT\" isn't a vault in this account. Specify the vault with its ID or name.|NOT_FOUND",
        "status 403: Authorization: token does not have access to vault|DENIED",
        "[ERROR] 2022/12/17 12:54:18 Can't continue. We can't safely access \"/home/u/.op\" because its permissions are too broad. Change its permissions to 700 and try again.|UNAVAILABLE",
    })
    void knownTextsMapToTheirReason(String stderr, Reason expected) {
        assertThat(OpErrorCatalog.classify(stderr)).isNotNull()
                .satisfies(rule -> assertThat(rule.reason()).isEqualTo(expected));
    }

    @Test
    void unknownTextMatchesNoRule() {
        assertThat(OpErrorCatalog.classify("panic: runtime error: index out of range")).isNull();
    }
}
