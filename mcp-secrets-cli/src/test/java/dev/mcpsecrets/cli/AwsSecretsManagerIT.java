package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command ({@code bin/mcp-secrets} on the shaded jar) with {@code aws-sm:} references
 * against the fake Secrets Manager on 127.0.0.1: static test keys, an explicit region, no instance
 * metadata, no profile files.
 */
class AwsSecretsManagerIT {
    private static final String LAUNCHER = ProcessRun.LAUNCHER.toString();
    private static final String ACCESS_KEY_ID = "AKIDFAKECLITEST0001";
    private static final String SECRET_ACCESS_KEY = "PLANTED-cli-secret-access-key";
    private static final String TOKEN = "PLANTED-aws-cli-token-31415";
    private static FakeSecretsManager fake;

    @TempDir
    static Path home;

    @BeforeAll
    static void startFake() {
        fake = FakeSecretsManager.start("us-east-2", ACCESS_KEY_ID);
        fake.putString("mcp/github", TOKEN);
        fake.putString("mcp/db", "{\"username\":\"app_rw\",\"password\":\"" + TOKEN + "-db\"}");
        fake.putString("mcp/denied", TOKEN);
        fake.failSecret("mcp/denied", "AccessDeniedException");
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("MCP_SECRETS_NO_CDS", "1");
        env.put("AWS_REGION", "us-east-2");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.url());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        return env;
    }

    @Test
    void thePackagedCommandGetsAndRunsWithAwsReferences() throws Exception {
        assertThat(Files.isRegularFile(ProcessRun.REPO_ROOT.resolve("mcp-secrets-cli/target/mcp-secrets.jar"))).isTrue();
        Map<String, String> env = environment();

        ProcessRun reveal = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "aws-sm:mcp/github"), env);
        assertThat(reveal.exitCode()).as(reveal.err()).isZero();
        assertThat(reveal.out()).isEqualTo(TOKEN);
        assertThat(reveal.err()).as("nothing from the SDK on stderr").isEmpty();

        ProcessRun get = ProcessRun.of(List.of(LAUNCHER, "get", "aws-sm:mcp/db#username"), env);
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out()).contains("mcp-aws-sm");
        assertThat(get.out() + get.err()).doesNotContain(TOKEN).doesNotContain("app_rw");

        ProcessRun run = ProcessRun.of(List.of(LAUNCHER, "run", "--env", "GH=aws-sm:mcp/github", "--env",
                "DB_PASSWORD=aws-sm:mcp/db#password", "--", "sh", "-c", "printf '%s|%s' \"$GH\" \"$DB_PASSWORD\""), env);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(TOKEN + "|" + TOKEN + "-db");

        ProcessRun providers = ProcessRun.of(List.of(LAUNCHER, "providers"), env);
        assertThat(providers.out()).contains("mcp-aws-sm").contains("us-east-2");

        assertThat(fake.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.host()).isEqualTo("127.0.0.1:" + fake.port());
            assertThat(r.accessKeyId()).isEqualTo(ACCESS_KEY_ID);
        });
    }

    @Test
    void failuresExitWithTheReasonAndNoValue() throws Exception {
        Map<String, String> env = environment();
        ProcessRun missing = ProcessRun.of(List.of(LAUNCHER, "get", "aws-sm:mcp/none"), env);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("NOT_FOUND");

        ProcessRun denied = ProcessRun.of(List.of(LAUNCHER, "get", "--reveal", "aws-sm:mcp/denied"), env);
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err()).contains("DENIED").contains("AccessDeniedException");
        assertThat(denied.out() + denied.err()).doesNotContain(TOKEN).doesNotContain(SECRET_ACCESS_KEY);

        ProcessRun malformed = ProcessRun.of(List.of(LAUNCHER, "get", "aws-sm:ghp_pasted token value"), env);
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).doesNotContain("ghp_pasted");
    }
}
