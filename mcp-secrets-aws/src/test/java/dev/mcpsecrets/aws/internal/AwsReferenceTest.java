package dev.mcpsecrets.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.SecretRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AwsReferenceTest {
    private static AwsReference parse(String text) throws Exception {
        return AwsReference.parse(SecretRef.parse(text));
    }

    private static String problem(String text) {
        return assertThrows(MalformedRefException.class, () -> parse(text)).getMessage();
    }

    @Test
    void namesWithEveryAllowedCharacterAndArnsWithTheirColons() throws Exception {
        assertThat(parse("aws-sm:prod/db_admin+ro=x.y@z-1")).isEqualTo(
                new AwsReference("prod/db_admin+ro=x.y@z-1", null, null, null));
        String arn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf";
        AwsReference r = parse("aws-sm:" + arn + "#password");
        assertThat(r.secretId()).isEqualTo(arn);
        assertThat(r.key()).isEqualTo("password");
        assertThat(r.arnRegion()).isEqualTo("eu-central-1");
        assertThat(parse("aws-sm:arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x").arnRegion())
                .isEqualTo("us-gov-west-1");
        assertThat(parse("aws-sm:prod/db").arnRegion()).isNull();
    }

    @Test
    void stageVersionAndKey() throws Exception {
        AwsReference stage = parse("aws-sm:prod/db?stage=AWSPREVIOUS#password");
        assertThat(stage).isEqualTo(new AwsReference("prod/db", "AWSPREVIOUS", null, "password"));
        assertThat(stage.batchable()).isFalse();
        assertThat(stage.text()).isEqualTo("aws-sm:prod/db?stage=AWSPREVIOUS#password");
        assertThat(parse("aws-sm:prod/db?stage=AWSCURRENT").batchable()).isTrue();
        String uuid = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
        AwsReference version = parse("aws-sm:prod/db?version=" + uuid);
        assertThat(version.version()).isEqualTo(uuid);
        assertThat(version.batchable()).isFalse();
        assertThat(version.describeVersion()).isEqualTo("version " + uuid);
        assertThat(parse("aws-sm:x#a key with ? and # inside").key()).isEqualTo("a key with ? and # inside");
    }

    @Test
    void mistakesAreNamedWithoutRepeatingTheText() {
        assertThat(problem("aws-sm:#k")).contains("no secret name");
        assertThat(problem("aws-sm:has space")).contains("1 to 512 ASCII");
        assertThat(problem("aws-sm:arn:aws:s3:::bucket")).contains("not a Secrets Manager ARN");
        assertThat(problem("aws-sm:x?stage=")).contains("staging label");
        assertThat(problem("aws-sm:x?version=1")).contains("version ID");
        assertThat(problem("aws-sm:x?stage=A&version=B")).contains("staging label");
        assertThat(problem("aws-sm:x?region=us-east-1")).contains("stage=LABEL or version=ID");
        assertThat(problem("aws-sm:x#")).contains("nothing after '#'");
        assertThat(problem("aws-sm:x#k?stage=AWSPREVIOUS")).contains("before #KEY");
        assertThat(problem("aws-sm:" + "a".repeat(513))).contains("512");
    }

    /**
     * Whatever the body, parsing either succeeds or fails with a message that does not repeat it.
     *
     * @param body a generated body
     */
    @Property(tries = 300)
    void errorsNeverRepeatTheBody(@ForAll("bodies") String body) {
        SecretRef ref;
        try {
            ref = SecretRef.of("aws-sm", body);
        } catch (IllegalArgumentException notAReference) {
            return;
        }
        try {
            AwsReference.parse(ref);
        } catch (MalformedRefException e) {
            if (body.length() > 3) {
                assertThat(e.getMessage()).doesNotContain(body);
            }
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ghp_ABCxyz019/+=.@-?#:& ").ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40));
    }
}
