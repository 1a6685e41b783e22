package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.aws.testing.FakeAwsCredentialServices;
import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command reads {@code aws-sm:} references with the temporary credentials of the two kinds of AWS
 * profile that people and pods use most: an assume-role profile (STS {@code AssumeRole} signed with the source
 * profile's keys) and an IAM Identity Center (SSO) profile (the cached access token of {@code aws sso login}
 * exchanged by {@code GetRoleCredentials}). Fakes on 127.0.0.1 stand in for STS, SSO and Secrets Manager; the
 * Secrets Manager fake accepts only requests signed with the temporary key, so a value comes back only if the
 * command really went through the role. No secret, key or token reaches an output stream.
 */
class AwsTemporaryCredentialsIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    private static final String SOURCE_KEY_ID = "AKIDFAKESOURCE00001";
    private static final String SOURCE_SECRET = "PLANTED-source-secret-access-key";
    private static final String SSO_TOKEN = "PLANTED-sso-access-token-2718";
    private static final String ISSUED_KEY_ID = "ASIAFAKEISSUED00001";
    private static final String ISSUED_SECRET = "PLANTED-issued-secret-access-key";
    private static final String ISSUED_SESSION = "PLANTED-issued-session-token";
    private static final String VALUE = "PLANTED-aws-role-value-1618";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/mcp-reader";

    private static FakeSecretsManager secretsManager;
    private static FakeAwsCredentialServices credentials;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws IOException, NoSuchAlgorithmException {
        secretsManager = FakeSecretsManager.start("us-east-2", ISSUED_KEY_ID);
        secretsManager.putString("mcp/github", VALUE);
        credentials = FakeAwsCredentialServices.start(SOURCE_KEY_ID, SSO_TOKEN, ISSUED_KEY_ID, ISSUED_SECRET,
                ISSUED_SESSION);
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), String.join("\n",
                "[profile base]",
                "aws_access_key_id = " + SOURCE_KEY_ID,
                "aws_secret_access_key = " + SOURCE_SECRET,
                "",
                "[profile reader]",
                "role_arn = " + ROLE_ARN,
                "source_profile = base",
                "region = us-east-2",
                "",
                "[profile sso-reader]",
                "sso_session = corp",
                "sso_account_id = 123456789012",
                "sso_role_name = McpReader",
                "region = us-east-2",
                "",
                "[sso-session corp]",
                "sso_region = us-east-2",
                "sso_start_url = https://corp-fake.awsapps.com/start",
                "sso_registration_scopes = sso:account:access",
                ""), StandardCharsets.UTF_8);
        // what `aws sso login --sso-session corp` leaves: the token cache named by the SHA-1 of the session name
        Path cache = Files.createDirectories(aws.resolve("sso/cache"));
        Files.writeString(cache.resolve(sha1("corp") + ".json"), "{\"startUrl\": \"https://corp-fake.awsapps.com/start\","
                + " \"region\": \"us-east-2\", \"accessToken\": \"" + SSO_TOKEN + "\","
                + " \"expiresAt\": \"2099-01-01T00:00:00Z\"}", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        // null when the start failed half-way: that failure is the one to report
        if (secretsManager != null) {
            secretsManager.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    private static String sha1(String text) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%040x", new BigInteger(1, digest));
    }

    private static Map<String, String> environment(String profile) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("MCP_SECRETS_NO_CDS", "1");
        env.put("AWS_PROFILE", profile);
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/no-credentials").toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.url());
        env.put("AWS_ENDPOINT_URL_STS", credentials.url());
        env.put("AWS_ENDPOINT_URL_SSO", credentials.url());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private static void assertNothingLeaked(ProcessRun run) {
        assertThat(run.out() + run.err()).doesNotContain(SOURCE_SECRET).doesNotContain(SSO_TOKEN)
                .doesNotContain(ISSUED_SECRET).doesNotContain(ISSUED_SESSION);
    }

    @Test
    void anAssumeRoleProfileReadsThroughTheRole() throws Exception {
        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "GH=aws-sm:mcp/github", "--", "sh", "-c",
                "printf '%s' \"$GH\""), environment("reader"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(VALUE);
        assertThat(run.err()).doesNotContain(VALUE);
        assertNothingLeaked(run);
        assertThat(credentials.calls()).anySatisfy(call -> {
            assertThat(call.api()).isEqualTo("sts:AssumeRole");
            assertThat(call.caller()).isEqualTo(SOURCE_KEY_ID);
            assertThat(call.role()).isEqualTo(ROLE_ARN);
            assertThat(call.granted()).isTrue();
        });
        assertThat(secretsManager.requests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.accessKeyId()).isEqualTo(ISSUED_KEY_ID));
    }

    @Test
    void anIdentityCenterProfileReadsWithTheCachedLogin() throws Exception {
        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "aws-sm:mcp/github"),
                environment("sso-reader"));
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).isEqualTo(VALUE);
        assertNothingLeaked(get);
        assertThat(credentials.calls()).anySatisfy(call -> {
            assertThat(call.api()).isEqualTo("sso:GetRoleCredentials");
            assertThat(call.role()).isEqualTo("McpReader");
            assertThat(call.granted()).isTrue();
        });
    }

    @Test
    void aRoleTheSourceMayNotAssumeIsDeniedWithoutAValue() throws Exception {
        Path config = home.resolve(".aws/config-denied");
        Files.writeString(config, String.join("\n",
                "[profile stranger]",
                "aws_access_key_id = AKIDFAKESTRANGER001",
                "aws_secret_access_key = " + SOURCE_SECRET,
                "",
                "[profile reader]",
                "role_arn = " + ROLE_ARN,
                "source_profile = stranger",
                "region = us-east-2",
                ""), StandardCharsets.UTF_8);
        Map<String, String> env = environment("reader");
        env.put("AWS_CONFIG_FILE", config.toString());
        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "aws-sm:mcp/github"), env);
        assertThat(get.exitCode()).isEqualTo(1);
        assertThat(get.out()).doesNotContain(VALUE);
        assertThat(get.err()).doesNotContain(VALUE).containsAnyOf("DENIED", "UNAVAILABLE");
        assertNothingLeaked(get);
    }
}
