package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveAllException;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code resolveAll}: BatchGetSecretValue in calls of at most 20, per-secret errors as reasons without a
 * second request, the GetSecretValue fallback when the batch call is denied, and whole-batch failures.
 */
class AwsBatchTest extends AgainstFake {
    private static final String PLANTED = "PLANTED-aws-batch-5be1";

    @Override
    String planted() {
        return PLANTED;
    }

    private static List<SecretRef> refs(String... texts) throws Exception {
        List<SecretRef> out = new ArrayList<>();
        for (String t : texts) {
            out.add(SecretRef.parse(t));
        }
        return out;
    }

    private static Map<String, String> reveal(Map<SecretRef, Secret> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        secrets.forEach((ref, s) -> {
            out.put(ref.format(), s.revealAsString());
            s.destroy();
        });
        return out;
    }

    @Test
    void twentyFiveSecretsTakeTwoBatchCallsAndKeysShareAFetch() throws Exception {
        List<SecretRef> asked = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fake.putString("app/s" + i, "{\"user\":\"u" + i + "\",\"password\":\"" + PLANTED + i + "\"}");
            asked.add(SecretRef.parse("aws-sm:app/s" + i + "#password"));
        }
        asked.add(SecretRef.parse("aws-sm:app/s0#user"));
        Map<String, String> values = reveal(provider.resolveAll(asked, Fakes.context(fake)));
        assertThat(values).hasSize(26).containsEntry("aws-sm:app/s0#user", "u0")
                .containsEntry("aws-sm:app/s24#password", PLANTED + 24);
        assertThat(fake.count("BatchGetSecretValue")).isEqualTo(2);
        assertThat(fake.count("GetSecretValue")).isZero();
        assertThat(fake.requests()).extracting(r -> r.secretIds().size()).containsExactly(20, 5);
    }

    @Test
    void nextTokenPagesAreFollowed() throws Exception {
        fake.putString("a", "value-a-1");
        fake.putString("b", "value-b-2");
        fake.putString("c", "value-c-3");
        fake.batchPageSize(2);
        assertThat(reveal(provider.resolveAll(refs("aws-sm:a", "aws-sm:b", "aws-sm:c"), Fakes.context(fake))))
                .containsOnlyKeys("aws-sm:a", "aws-sm:b", "aws-sm:c");
        assertThat(fake.count("BatchGetSecretValue")).isEqualTo(2);
    }

    @Test
    void perSecretErrorsAreLeftOutAndResolveSaysWhyWithoutAnotherRequest() throws Exception {
        String arn = fake.putString("ok", PLANTED);
        fake.putString("denied", PLANTED);
        fake.putString("kms", PLANTED);
        fake.failSecret("denied", "AccessDeniedException");
        fake.failSecret("kms", "DecryptionFailure");
        Map<SecretRef, Secret> out = provider.resolveAll(
                refs("aws-sm:" + arn, "aws-sm:denied", "aws-sm:kms", "aws-sm:missing", "aws-sm:ok#key"),
                Fakes.context(fake));
        assertThat(reveal(out)).containsOnlyKeys("aws-sm:" + arn);
        assertThat(fake.count("BatchGetSecretValue")).isEqualTo(1);
        fake.clearRequests();
        Map<String, Reason> reasons = new LinkedHashMap<>();
        for (String ref : List.of("aws-sm:denied", "aws-sm:kms", "aws-sm:missing", "aws-sm:ok#key")) {
            SecretException e = assertThrows(SecretException.class,
                    () -> provider.resolve(SecretRef.parse(ref), Fakes.context(fake)));
            assertThat(e.getMessage()).doesNotContain(PLANTED);
            reasons.put(ref, e.reason());
        }
        assertThat(reasons).containsEntry("aws-sm:denied", Reason.DENIED).containsEntry("aws-sm:kms", Reason.DENIED)
                .containsEntry("aws-sm:missing", Reason.NOT_FOUND).containsEntry("aws-sm:ok#key", Reason.NOT_FOUND);
        assertThat(fake.requests()).as("the batch's answers are reused once").isEmpty();
        assertThrows(SecretException.class, () -> provider.resolve(SecretRef.parse("aws-sm:denied"), Fakes.context(fake)));
        assertThat(fake.count("GetSecretValue")).as("and only once").isEqualTo(1);
    }

    @Test
    void aDeniedBatchCallFallsBackToGetSecretValueAndIsNotTriedAgain() throws Exception {
        fake.putString("a", "value-a-1");
        fake.putString("b", "value-b-2");
        fake.putString("c", "value-c-3");
        fake.failSecret("c", "AccessDeniedException");
        fake.denyBatch();
        Map<String, String> values = reveal(provider.resolveAll(refs("aws-sm:a", "aws-sm:b", "aws-sm:c", "aws-sm:d"),
                Fakes.context(fake)));
        assertThat(values).containsOnlyKeys("aws-sm:a", "aws-sm:b");
        assertThat(fake.count("BatchGetSecretValue")).isEqualTo(1);
        assertThat(fake.count("GetSecretValue")).isEqualTo(4);
        fake.clearRequests();
        assertThat(reveal(provider.resolveAll(refs("aws-sm:a", "aws-sm:b"), Fakes.context(fake)))).hasSize(2);
        assertThat(fake.count("BatchGetSecretValue")).as("the denial is remembered").isZero();
        assertThat(fake.count("GetSecretValue")).isEqualTo(2);
    }

    @Test
    void aThrottledBatchFailsWholeAsRateLimited() throws Exception {
        fake.putString("a", PLANTED);
        fake.putString("b", PLANTED);
        fake.failNext("ThrottlingException", 10);
        SecretException e = assertThrows(SecretException.class,
                () -> provider.resolveAll(refs("aws-sm:a", "aws-sm:b"), Fakes.context(fake)));
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(fake.count("GetSecretValue")).as("no per-secret retry of a throttled batch").isZero();
    }

    @Test
    void stagesAndVersionsAreLeftForResolve() throws Exception {
        fake.putString("a", "value-a-1");
        fake.rotate("a", "value-a-2");
        Map<String, String> values = reveal(provider.resolveAll(
                refs("aws-sm:a", "aws-sm:a?stage=AWSCURRENT#k", "aws-sm:a?stage=AWSPREVIOUS"), Fakes.context(fake)));
        assertThat(values).containsOnlyKeys("aws-sm:a");
    }

    @Test
    void throughTheFacadeFailingNamesAreListedAndOthersUnharmed() throws Exception {
        fake.putString("ok", PLANTED);
        fake.putString("other", "other-value-9");
        fake.putString("denied", PLANTED);
        fake.failSecret("denied", "AccessDeniedException");
        try (Secrets secrets = Secrets.builder().autoDiscovery(false).addProvider(provider)
                .environment(Fakes.environment(fake)).build()) {
            Map<String, Secret> good = secrets.resolveAll(Map.of("A", "aws-sm:ok", "B", "aws-sm:other"));
            assertThat(good.get("A").revealAsString()).isEqualTo(PLANTED);
            good.values().forEach(Secret::destroy);
            fake.clearRequests();
            ResolveAllException e = assertThrows(ResolveAllException.class, () -> secrets.resolveAll(
                    Map.of("C", "aws-sm:denied", "D", "aws-sm:missing", "E", "aws-sm:ok#nokey")));
            assertThat(e.failures()).containsOnlyKeys("C", "D", "E");
            assertThat(e.failures().get("C").reason()).isEqualTo(Reason.DENIED);
            assertThat(e.failures().get("D").reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(e.getMessage()).doesNotContain(PLANTED);
            assertThat(fake.count("BatchGetSecretValue")).isEqualTo(1);
            assertThat(fake.count("GetSecretValue")).as("failures come from the batch's answer").isZero();
        }
    }

    @Test
    void matchingKnowsNamesArnsAndPartialArns() {
        String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf";
        assertThat(SecretsManagerCalls.matching(List.of("prod/db"), "prod/db", arn)).isEqualTo("prod/db");
        assertThat(SecretsManagerCalls.matching(List.of(arn), "prod/db", arn)).isEqualTo(arn);
        String partial = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db";
        assertThat(SecretsManagerCalls.matching(List.of(partial), "prod/db", arn)).isEqualTo(partial);
        assertThat(SecretsManagerCalls.matching(List.of("prod/d"), "prod/db", arn)).isNull();
    }
}
