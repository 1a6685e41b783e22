package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One reference at a time against the fake: values, versions, keys, and every failure's reason. */
class AwsResolveTest extends AgainstFake {
    private static final String PLANTED = "PLANTED-aws-7f3c9e1d";

    @Override
    String planted() {
        return PLANTED;
    }

    private String resolve(String ref) throws SecretException {
        Secret s = provider.resolve(SecretRef.parse(ref), Fakes.context(fake));
        texts.add(s.toString());
        texts.add(s.origin().orElse(""));
        try {
            return s.revealAsString();
        } finally {
            s.destroy();
        }
    }

    private SecretException failure(String ref) {
        return failure(ref, Fakes.context(fake));
    }

    private SecretException failure(String ref, dev.mcpsecrets.api.ResolveContext ctx) {
        SecretException e = assertThrows(SecretException.class, () -> provider.resolve(SecretRef.parse(ref), ctx));
        texts.add(e.getMessage());
        texts.add(String.valueOf(e));
        return e;
    }

    @Test
    void aNameAPathLikeNameAndItsArnsResolve() throws Exception {
        String arn = fake.putString("prod/db_admin+ro=x.y@z-1", PLANTED);
        assertThat(resolve("aws-sm:prod/db_admin+ro=x.y@z-1")).isEqualTo(PLANTED);
        assertThat(resolve("aws-sm:" + arn)).isEqualTo(PLANTED);
        assertThat(resolve("aws-sm:" + arn.substring(0, arn.length() - 7))).as("partial ARN").isEqualTo(PLANTED);
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.accessKeyId()).isEqualTo(Fakes.ACCESS_KEY_ID));
    }

    @Test
    void aJsonKeyPicksOneValue() throws Exception {
        fake.putString("db", "{\"username\":\"app\",\"password\":\"" + PLANTED + "\",\"port\":5432,\"tls\":true,"
                + "\"nested\":{\"a\":1},\"none\":null}");
        assertThat(resolve("aws-sm:db#password")).isEqualTo(PLANTED);
        assertThat(resolve("aws-sm:db#port")).isEqualTo("5432");
        assertThat(resolve("aws-sm:db#tls")).isEqualTo("true");
        assertThat(failure("aws-sm:db#Password").reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(failure("aws-sm:db#none").reason()).isEqualTo(Reason.NOT_FOUND);
        SecretException nested = failure("aws-sm:db#nested");
        assertThat(nested.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(nested.getMessage()).contains("object");
    }

    @Test
    void aKeyOfAValueThatIsNoJsonObjectIsNotFoundWithoutShowingTheValue() {
        fake.putString("plain", PLANTED + "{not json");
        fake.putString("dup", "{\"a\":\"" + PLANTED + "\",\"a\":\"x\"}");
        SecretException plain = failure("aws-sm:plain#a");
        assertThat(plain.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(plain.getMessage()).contains("not a JSON object");
        assertThat(failure("aws-sm:dup#a").getMessage()).contains("a key appears twice");
    }

    @Test
    void stagesAndVersionsReadTheVersionAskedFor() throws Exception {
        fake.putString("rotating", "old-value-123");
        String next = fake.rotate("rotating", "new-value-456");
        assertThat(resolve("aws-sm:rotating")).isEqualTo("new-value-456");
        assertThat(resolve("aws-sm:rotating?stage=AWSCURRENT")).isEqualTo("new-value-456");
        assertThat(resolve("aws-sm:rotating?stage=AWSPREVIOUS")).isEqualTo("old-value-123");
        assertThat(resolve("aws-sm:rotating?version=" + next)).isEqualTo("new-value-456");
        String previous = fake.versionId("rotating", "AWSPREVIOUS");
        assertThat(resolve("aws-sm:rotating?version=" + previous)).isEqualTo("old-value-123");
        assertThat(failure("aws-sm:rotating?stage=AWSPENDING").reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void binarySecretsAreUtf8TextOrRefused() throws Exception {
        fake.putBinary("pem", ("-----BEGIN KEY-----\n" + PLANTED + "\n").getBytes(StandardCharsets.UTF_8));
        fake.putBinary("keystore", new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfe, (byte) 0xed, 0, 2});
        assertThat(resolve("aws-sm:pem")).isEqualTo("-----BEGIN KEY-----\n" + PLANTED + "\n");
        SecretException binary = failure("aws-sm:keystore");
        assertThat(binary.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(binary.getMessage()).contains("not UTF-8 text").contains("base64");
    }

    @Test
    void missingDeniedAndUndecryptableSecretsSayWhy() {
        fake.putString("denied", PLANTED);
        fake.putString("kms", PLANTED);
        fake.failSecret("denied", "AccessDeniedException");
        fake.failSecret("kms", "DecryptionFailure");
        assertThat(failure("aws-sm:missing").reason()).isEqualTo(Reason.NOT_FOUND);
        SecretException denied = failure("aws-sm:denied");
        assertThat(denied.reason()).isEqualTo(Reason.DENIED);
        assertThat(denied.getMessage()).contains("AccessDeniedException").contains("secretsmanager:GetSecretValue");
        SecretException kms = failure("aws-sm:kms");
        assertThat(kms.reason()).isEqualTo(Reason.DENIED);
        assertThat(kms.getMessage()).contains("DecryptionFailure").contains("kms:Decrypt");
    }

    @Test
    void throttlingIsRetriedByTheSdkThenRateLimited() throws Exception {
        fake.putString("busy", "busy-value-1");
        fake.failNext("ThrottlingException", 1);
        assertThat(resolve("aws-sm:busy")).as("one throttled answer is retried").isEqualTo("busy-value-1");
        assertThat(fake.count("GetSecretValue")).isEqualTo(2);
        fake.clearRequests();
        fake.failNext("ThrottlingException", 10);
        SecretException e = failure("aws-sm:busy");
        assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(fake.count("GetSecretValue")).as("the SDK's standard retries").isBetween(2L, 4L);
    }

    @Test
    void serverErrorsAreUnavailable() {
        fake.putString("flaky", PLANTED);
        fake.failNext("InternalServiceError", 10);
        assertThat(failure("aws-sm:flaky").reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aSlowAnswerTimesOutAtTheDeadline() {
        fake.putString("slow", PLANTED);
        fake.delay(5_000);
        long start = System.nanoTime();
        SecretException e = failure("aws-sm:slow", Fakes.context(Fakes.environment(fake), Duration.ofMillis(700)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(millis).as("the deadline holds").isLessThan(3_000);
    }

    @Test
    void anArnOfAnotherRegionIsRefusedBeforeAnyRequest() {
        SecretException e = failure("aws-sm:arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/db-AbCdEf");
        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(e.getMessage()).contains("us-west-2").contains(Fakes.REGION).contains("AWS_REGION");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void rejectedCredentialsAreDenied() {
        fake.putString("x", PLANTED);
        Map<String, String> env = Fakes.environment(fake);
        env.put("AWS_ACCESS_KEY_ID", "AKIDSOMEONEELSE00001");
        SecretException e = failure("aws-sm:x", Fakes.context(env, Duration.ofSeconds(10)));
        assertThat(e.reason()).isEqualTo(Reason.DENIED);
        assertThat(e.getMessage()).contains("UnrecognizedClientException");
    }

    @Test
    void nobodyListeningIsUnavailable() {
        Map<String, String> env = Fakes.environment(fake);
        fake.close();
        SecretException e = failure("aws-sm:x", Fakes.context(env, Duration.ofSeconds(10)));
        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("cannot reach AWS Secrets Manager");
    }

    @Test
    void malformedReferencesSendNothing() {
        for (String ref : List.of("aws-sm:bad name", "aws-sm:x?stage=", "aws-sm:x?foo=1", "aws-sm:x#",
                "aws-sm:x#k?stage=AWSPREVIOUS", "aws-sm:arn:aws:s3:::bucket", "aws-sm:x?version=short")) {
            assertThat(failure(ref).reason()).as(ref).isEqualTo(Reason.MALFORMED);
        }
        assertThat(fake.requests()).isEmpty();
    }
}
