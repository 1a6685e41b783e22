package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code migrate} of remote entries and launchers (to mcp-secrets bridge) and of command-line secrets. */
class MigrateBridgeAndArgsTest extends MigrateProjectBase {
    private static final String NOTION = "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";
    private static final String STRIPE = "sk_live_FAKEfake0123456789TESTtest";
    private static final String GITHUB = "ghp_FAKEfake0123456789abcdefABCDEF012345";
    private static final String PLANTED = "PLANTED-q7ZK2MXW4RT9v8";
    private static final String SLACK = "xoxb-1234567890-1234567890123-FAKEfakeTESTtest0123abcd";

    @AfterEach
    void resetTheStore() {
        MigrateCommand.storeWrapper = s -> s;
    }

    private String get(String key) {
        return CliRun.of(env, "get", "--reveal", "dotenv:" + dotenv + "#" + key).out();
    }

    private void assertNoSecretFindings(Path file) throws IOException {
        CliRun audit = CliRun.of(env, "audit", "--format", "json", file.toString());
        for (com.fasterxml.jackson.databind.JsonNode f : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(audit.out()).path("findings")) {
            assertThat(f.path("ruleId").asText()).isNotIn("MCP-SEC-001", "MCP-SEC-002", "MCP-CMD-001");
        }
    }

    @Test
    void aRemoteEntryBecomesTheBridgeWithTheTokenAsAReferenceAndKeepsItsOtherHeaders() throws IOException {
        Path file = config(".vscode/mcp.json", """
                {
                  // remote
                  "servers": {
                    "notion": {
                      "type": "http",
                      "url": "https://mcp.notion.com/mcp",
                      "headers": {"Authorization": "Bearer %s", "X-Trace": "on"}
                    }
                  }
                }
                """.formatted(NOTION));

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(NOTION).contains("started as mcp-secrets bridge");
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  // remote
                  "servers": {
                    "notion": {
                      "type": "stdio",
                      "command": "%s", "args": ["bridge", "--header", "Authorization: Bearer {dotenv:%s#NOTION_AUTHORIZATION}", "--header", "X-Trace: on", "https://mcp.notion.com/mcp"]
                    }
                  }
                }
                """.formatted(launcher, dotenv));
        assertThat(get("NOTION_AUTHORIZATION")).isEqualTo(NOTION);
        assertNoSecretFindings(file);
        byte[] once = Files.readAllBytes(file);
        assertThat(migrate(file).out()).contains("nothing to migrate");
        assertThat(Files.readAllBytes(file)).isEqualTo(once);
    }

    @Test
    void anMcpRemoteLauncherWithItsHeaderFromEnvBecomesTheBridge() throws IOException {
        Path file = config(".cursor/mcp.json", """
                {"mcpServers": {"linear": {"command": "npx", "args": ["-y", "mcp-remote", "https://mcp.linear.app/sse", \
                "--header", "Authorization:${AUTH_HEADER}", "--transport", "sse-only"], \
                "env": {"AUTH_HEADER": "Bearer %s", "NODE_OPTIONS": "--no-warnings"}}}}
                """.formatted(PLANTED));

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(Files.readString(file)).isEqualTo("""
                {"mcpServers": {"linear": {"command": "%s", "args": ["bridge", "--header", "Authorization: Bearer \
                {dotenv:%s#LINEAR_AUTHORIZATION}", "https://mcp.linear.app/sse"], "env": {"NODE_OPTIONS": "--no-warnings"}}}}
                """.formatted(launcher, dotenv));
        assertThat(get("LINEAR_AUTHORIZATION")).isEqualTo(PLANTED);
        assertThat(run.out() + run.err()).doesNotContain(PLANTED);
        assertNoSecretFindings(file);
    }

    @Test
    void aSupergatewayBearerFlagBecomesTheBridge() throws IOException {
        Path file = config(".mcp.json", "{\"mcpServers\": {\"gw\": {\"command\": \"npx\", \"args\": [\"-y\", \"supergateway\", "
                + "\"--streamableHttp\", \"https://x.example/mcp\", \"--oauth2Bearer\", \"" + GITHUB + "\"]}}}\n");

        assertThat(migrate(file).exitCode()).isZero();
        assertThat(Files.readString(file)).contains("[\"bridge\", \"--header\", \"Authorization: Bearer {dotenv:" + dotenv
                + "#GW_AUTHORIZATION}\", \"https://x.example/mcp\"]").doesNotContain(GITHUB);
        assertThat(get("GW_AUTHORIZATION")).isEqualTo(GITHUB);
    }

    @Test
    void whatTheBridgeCannotCarryTheSameWayIsLeftAloneWithTheReason() throws IOException {
        String text = """
                {"mcpServers": {
                  "plain": {"type": "http", "url": "http://mcp.corp.example/mcp", "headers": {"Authorization": "Bearer %1$s"}},
                  "inurl": {"type": "http", "url": "https://x.example/mcp?api_key=%1$s"},
                  "port": {"command": "npx", "args": ["mcp-remote", "https://x.example/sse", "3334", "--header", "Authorization: Bearer %1$s"]},
                  "oauth": {"command": "uvx", "args": ["mcp-proxy", "--client-secret", "%1$s", "https://x.example/sse"]}
                }}
                """.formatted(GITHUB);
        Path file = config(".mcp.json", text);

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nothing to migrate")
                .contains("left alone: 'plain'").contains("not https://")
                .contains("left alone: 'inurl'").contains("in its URL")
                .contains("left alone: 'port'").contains("no mcp-secrets bridge equivalent")
                .contains("left alone: 'oauth'").contains("--client-secret")
                .doesNotContain(GITHUB);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void commandLineSecretsMoveWhereTheProgramReadsAVariable() throws IOException {
        Path file = config(".mcp.json", """
                {"mcpServers": {
                  "stripe": {"command": "npx", "args": ["-y", "@stripe/mcp", "--tools=all", "--api-key", "%1$s"]},
                  "gh": {"command": "docker", "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN=%2$s", "ghcr.io/github/github-mcp-server"]},
                  "pg": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres", "postgresql://app:s3cr%%40t-FAKE@db.example.com/app"]},
                  "sh": {"command": "sh", "args": ["-c", "LOG=1 GITHUB_TOKEN=%2$s npx -y @github/github-mcp-server"]}
                }}
                """.formatted(STRIPE, GITHUB));

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        String now = Files.readString(file);
        assertThat(now).doesNotContain(STRIPE).doesNotContain(GITHUB).doesNotContain("s3cr")
                .contains("\"STRIPE_SECRET_KEY=dotenv:" + dotenv + "#STRIPE_STRIPE_SECRET_KEY\", \"--\", \"npx\", \"-y\", "
                        + "\"@stripe/mcp\", \"--tools=all\"]")
                .contains("\"--\", \"docker\", \"run\", \"-i\", \"--rm\", \"-e\", \"GITHUB_PERSONAL_ACCESS_TOKEN\", "
                        + "\"ghcr.io/github/github-mcp-server\"]")
                .contains("\"PGPASSWORD=dotenv:").contains("\"postgresql://app@db.example.com/app\"")
                .contains("\"--\", \"sh\", \"-c\", \"LOG=1 npx -y @github/github-mcp-server\"]");
        assertThat(get("PG_PGPASSWORD")).isEqualTo("s3cr@t-FAKE");
        assertThat(get("SH_GITHUB_TOKEN")).isEqualTo(GITHUB);
        assertNoSecretFindings(file);
    }

    /** Two NAME=value words of one script: both move, and the dry run's diff shows neither value. */
    @Test
    void everySecretOfOneScriptMovesAndTheDryRunShowsNone() throws IOException {
        Path file = config(".mcp.json", """
                {"mcpServers": {
                  "multi": {"command": "sh", "args": ["-c", "GITHUB_PERSONAL_ACCESS_TOKEN=%1$s SLACK_BOT_TOKEN=%2$s npx -y @modelcontextprotocol/server-github"]}
                }}
                """.formatted(GITHUB, SLACK));

        CliRun dry = CliRun.of(env, "migrate", "--store", "dotenv", "--dry-run", "--launcher", launcher.toString(),
                file.toString());
        assertThat(dry.exitCode()).as(dry.err() + dry.out()).isZero();
        assertThat(dry.out() + dry.err()).doesNotContain(GITHUB).doesNotContain(SLACK)
                .contains("GITHUB_PERSONAL_ACCESS_TOKEN -> dotenv:").contains("SLACK_BOT_TOKEN -> dotenv:");

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(GITHUB).doesNotContain(SLACK);
        assertThat(Files.readString(file)).doesNotContain(GITHUB).doesNotContain(SLACK)
                .contains("\"--\", \"sh\", \"-c\", \"npx -y @modelcontextprotocol/server-github\"]");
        assertThat(get("MULTI_GITHUB_PERSONAL_ACCESS_TOKEN")).isEqualTo(GITHUB);
        assertThat(get("MULTI_SLACK_BOT_TOKEN")).isEqualTo(SLACK);
        assertNoSecretFindings(file);
    }

    /** Two secrets in one plain argument cannot move one by one: the entry is left, and shown without them. */
    @Test
    void twoSecretsInOnePlainArgumentAreLeftAloneWithTheReason() throws IOException {
        String text = """
                {"mcpServers": {
                  "tool": {"command": "tool", "args": ["--tokens=%1$s,%2$s"]}
                }}
                """.formatted(GITHUB, SLACK);
        Path file = config(".mcp.json", text);

        CliRun run = migrate(file);

        assertThat(run.out()).contains("left alone: 'tool'").contains("holds 2 secrets");
        assertThat(run.out() + run.err()).doesNotContain(GITHUB).doesNotContain(SLACK);
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aSecretTheProgramReadsOnlyFromItsCommandLineIsLeftAloneWithTheReason() throws IOException {
        String text = """
                {"mcpServers": {
                  "neon": {"command": "npx", "args": ["-y", "@neondatabase/mcp-server-neon", "start", "napi_fake0fake1fake2test3test4fake5fake6test7test8fake9fake0test1abcd"]},
                  "tool": {"command": "tool", "args": ["--token", "%1$s"]},
                  "multi": {"command": "sh", "args": ["-c", "GITHUB_TOKEN=%1$s a; b"]}
                }}
                """.formatted(GITHUB);
        Path file = config(".mcp.json", text);

        CliRun run = migrate(file);

        assertThat(run.out()).contains("left alone: 'neon'").contains("reads only from its command line")
                .contains("left alone: 'tool'").contains("value of --token")
                .contains("left alone: 'multi'").contains("more than one command")
                .doesNotContain(GITHUB).doesNotContain("napi_");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aFailureAfterTheThirdStoredValueLeavesEveryConfigAndTheStoreAsTheyWere() throws IOException {
        String one = "{\"mcpServers\": {\"a\": {\"type\": \"http\", \"url\": \"https://a.example/mcp\", \"headers\": "
                + "{\"Authorization\": \"Bearer " + NOTION + "\"}}, \"b\": {\"command\": \"npx\", \"args\": [\"mcp-remote\", "
                + "\"https://b.example/sse\", \"--header\", \"Authorization: Bearer " + PLANTED + "\"]}}}\n";
        String two = "{\"mcpServers\": {\"s\": {\"command\": \"npx\", \"args\": [\"@stripe/mcp\", \"--api-key=" + STRIPE
                + "\"]}, \"t\": {\"command\": \"sh\", \"args\": [\"-c\", \"GITHUB_TOKEN=" + GITHUB + " node x.js\"]}}}\n";
        Path a = config("one/.mcp.json", one);
        Path b = config("two/.mcp.json", two);
        AtomicInteger puts = new AtomicInteger();
        MigrateCommand.storeWrapper = store -> new FailingStore(store, 3, puts);

        CliRun run = CliRun.of(env, "migrate", "--store", "dotenv", "--yes", "--launcher", launcher.toString(),
                tmp.resolve("project").toString());

        assertThat(run.exitCode()).isEqualTo(Main.FAILED);
        assertThat(puts.get()).isEqualTo(4);
        assertThat(Files.readString(a)).isEqualTo(one);
        assertThat(Files.readString(b)).isEqualTo(two);
        assertThat(Path.of(dotenv)).doesNotExist();
        assertThat(run.out() + run.err()).doesNotContain(NOTION).doesNotContain(PLANTED).doesNotContain(STRIPE)
                .doesNotContain(GITHUB);
    }
}
