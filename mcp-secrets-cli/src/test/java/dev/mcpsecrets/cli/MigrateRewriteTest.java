package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How {@code migrate} rewrites a config's text: only the migrated entries change, everything else stays. */
class MigrateRewriteTest extends MigrateProjectBase {
    private static final String TOKEN = "ghp_FAKEfake0123456789abcdefABCDEF012345";
    private static final String SLACK = "xoxb-1234567890-1234567890123-FAKEfakeTESTtest0123abcd";

    @Test
    void jsoncCommentsTrailingCommasAndOtherEntriesStayByteIdentical() throws IOException {
        Path file = config(".cursor/mcp.json", """
                // my servers
                {
                  "mcpServers": {
                    /* the GitHub one */
                    "github": {
                      "command": "npx", // launcher
                      "args": ["-y", "@modelcontextprotocol/server-github"],
                      "env": {
                        "GITHUB_PERSONAL_ACCESS_TOKEN": "%s",
                        "LOG_LEVEL": "debug", // keep
                      },
                    },
                    "other": {"command": "node", "args": ["x.js"]},
                  },
                }
                """.formatted(TOKEN));

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("""
                // my servers
                {
                  "mcpServers": {
                    /* the GitHub one */
                    "github": {
                      "command": "%s", // launcher
                      "args": ["run", "--env", "GITHUB_PERSONAL_ACCESS_TOKEN=dotenv:%s#GITHUB_GITHUB_PERSONAL_ACCESS_TOKEN", "--", "npx", "-y", "@modelcontextprotocol/server-github"],
                      "env": {
                        "LOG_LEVEL": "debug", // keep
                      },
                    },
                    "other": {"command": "node", "args": ["x.js"]},
                  },
                }
                """.formatted(launcher, dotenv));
    }

    @Test
    void anInlineEntryWithoutArgsLosesItsEnvAndGetsArgs() throws IOException {
        Path file = config(".mcp.json", "{\"mcpServers\": {\"s\": {\"command\": \"srv\", \"env\": {\"GITHUB_TOKEN\": \""
                + TOKEN + "\"}}}}\n");

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("{\"mcpServers\": {\"s\": {\"command\": \"" + launcher
                + "\", \"args\": [\"run\", \"--env\", \"GITHUB_TOKEN=dotenv:" + dotenv + "#S_GITHUB_TOKEN\", \"--\", "
                + "\"srv\"]}}}\n");
    }

    @Test
    void multiLineArgsKeepTheirIndentationAndTheLastEnvMembersGoWithTheirComma() throws IOException {
        Path file = config(".mcp.json", """
                {
                  "mcpServers": {
                    "slack": {
                      "env": {
                        "SLACK_TEAM_ID": "T01234567",
                        "SLACK_BOT_TOKEN": "%s",
                        "GITHUB_TOKEN": "%s"
                      },
                      "command": "npx",
                      "args": [
                        "-y",
                        "@modelcontextprotocol/server-slack"
                      ]
                    }
                  }
                }
                """.formatted(SLACK, TOKEN));

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("""
                {
                  "mcpServers": {
                    "slack": {
                      "env": {
                        "SLACK_TEAM_ID": "T01234567"
                      },
                      "command": "%1$s",
                      "args": [
                        "run",
                        "--env",
                        "SLACK_BOT_TOKEN=dotenv:%2$s#SLACK_SLACK_BOT_TOKEN",
                        "--env",
                        "GITHUB_TOKEN=dotenv:%2$s#SLACK_GITHUB_TOKEN",
                        "--",
                        "npx",
                        "-y",
                        "@modelcontextprotocol/server-slack"
                      ]
                    }
                  }
                }
                """.formatted(launcher, dotenv));
    }

    @Test
    void namesThatWouldAddSyntaxToAReferenceAreLeftAlone() throws IOException {
        String text = """
                {"mcpServers": {
                  "a||env:HOME": {"command": "npx", "env": {"GITHUB_TOKEN": "%1$s"}},
                  "b#c": {"command": "npx", "env": {"GITHUB_TOKEN": "%1$s"}},
                  "d/e": {"command": "npx", "env": {"GITHUB_TOKEN": "%1$s"}},
                  "f g": {"command": "npx", "env": {"GITHUB_TOKEN": "%1$s"}},
                  "ok": {"command": "npx", "env": {"BAD NAME": "%1$s", "GITHUB_TOKEN": "%1$s"}}
                }}
                """.formatted(TOKEN);
        Path file = config(".mcp.json", text);

        CliRun run = migrate(file);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nothing to migrate")
                .contains("left alone: 'a||env:HOME'").contains("left alone: 'b#c'").contains("left alone: 'd/e'")
                .contains("left alone: 'f g'").contains("left alone: 'ok'")
                .contains("cannot be part of a secret reference").doesNotContain(TOKEN);
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(Path.of(dotenv)).doesNotExist();
    }

    @Test
    void twoEntriesWithOneNameAndDifferentValuesGetTwoItems() throws IOException {
        Path one = config("one/.mcp.json", "{\"mcpServers\": {\"gh\": {\"command\": \"a\", \"env\": {\"GITHUB_TOKEN\": \""
                + TOKEN + "\"}}}}\n");
        Path two = config("two/.mcp.json", "{\"mcpServers\": {\"gh\": {\"command\": \"b\", \"env\": {\"GITHUB_TOKEN\": \""
                + TOKEN.replace('0', '9') + "\"}}}}\n");
        Path three = config("three/.mcp.json", "{\"mcpServers\": {\"gh\": {\"command\": \"c\", \"env\": {\"GITHUB_TOKEN\": \""
                + TOKEN + "\"}}}}\n");

        CliRun run = CliRun.of(env, "migrate", "--store", "dotenv", "--yes", "--launcher", launcher.toString(),
                tmp.resolve("project").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(one)).contains("#GH_GITHUB_TOKEN\"");
        assertThat(Files.readString(two)).contains("#GH_2_GITHUB_TOKEN\"");
        assertThat(Files.readString(three)).contains("#GH_GITHUB_TOKEN\"");
        assertThat(CliRun.of(env, "get", "--reveal", "dotenv:" + dotenv + "#GH_2_GITHUB_TOKEN").out())
                .isEqualTo(TOKEN.replace('0', '9'));
    }

    @Test
    void withoutALauncherPathItAsksForOne() throws IOException {
        Path file = config(".mcp.json", "{\"mcpServers\": {}}\n");
        CliRun run = CliRun.of(env, "migrate", "--store", "dotenv", "--yes", file.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--launcher");
    }

    @Test
    void anUnknownStoreIsAUsageError() throws IOException {
        Path file = config(".mcp.json", "{\"mcpServers\": {}}\n");
        CliRun run = CliRun.of(env, "migrate", "--store", "vault", "--launcher", launcher.toString(), file.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("--store");
    }
}
