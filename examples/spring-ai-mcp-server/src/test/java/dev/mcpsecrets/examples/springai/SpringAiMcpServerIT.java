package dev.mcpsecrets.examples.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts the example as an MCP client would and speaks MCP JSON-RPC to it over stdio. */
class SpringAiMcpServerIT {
    private static final String TOKEN = "ghp_E2eTokenMustNotLeak0123456789abcdef";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration REPLY = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private Path project;

    /**
     * A home and a project of this test's own: the dotenv provider and the policy guard read them, not
     * the machine's.
     */
    @BeforeEach
    void directories() throws IOException {
        Files.createDirectories(dir.resolve("home"));
        project = Files.createDirectories(dir.resolve("project"));
    }

    private StdioServerProcess start(Map<String, String> variables, String... args) throws IOException {
        Map<String, String> withHome = new HashMap<>(variables);
        withHome.put("HOME", dir.resolve("home").toString());
        List<String> all = new ArrayList<>(List.of("--mcp-secrets.policy.home=" + dir.resolve("home"),
                "--mcp-secrets.policy.project-directory=" + project));
        all.addAll(List.of(args));
        return StdioServerProcess.start(withHome, dir.resolve("stderr.txt"), all.toArray(String[]::new));
    }

    @Test
    void answersInitializeToolsListAndToolsCallWithOnlyProtocolMessagesOnStdout() throws Exception {
        // the token comes from ~/.config/mcp-secrets/.env through the dotenv: alternative
        Path secrets = Files.createDirectories(dir.resolve("home/.config/mcp-secrets"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(Files.createFile(secrets.resolve(".env"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                "GITHUB_PERSONAL_ACCESS_TOKEN=" + TOKEN + "\n");
        // another server's broken project config is not this server's to answer for: a warning, no refusal
        Files.writeString(project.resolve(".mcp.json"), "{\"mcpServers\": {\"other\": ");
        try (StdioServerProcess server = start(Map.of())) {
            server.send("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                    "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}""");
            JsonNode init = reply(server, 1, STARTUP);
            assertThat(init.at("/result/serverInfo/name").asString()).isEqualTo("github-example");

            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode list = reply(server, 2, REPLY);
            assertThat(list.at("/result/tools/0/name").asString()).isEqualTo("github_token_status");

            server.send("""
                    {"jsonrpc":"2.0","id":3,"method":"tools/call",\
                    "params":{"name":"github_token_status","arguments":{}}}""");
            JsonNode call = reply(server, 3, REPLY);
            assertThat(call.at("/result/isError").asBoolean()).isFalse();
            assertThat(call.at("/result/content/0/text").asString())
                    .isEqualTo("GitHub token configured: classic personal access token, " + TOKEN.length()
                            + " characters, for https://api.github.com");

            assertThat(server.closeStdinAndWait(REPLY)).isZero();
            assertThat(server.stdout()).hasSize(3).allSatisfy(SpringAiMcpServerIT::assertJsonRpc);
            assertThat(String.join("\n", server.stdout())).doesNotContain(TOKEN);
            assertThat(server.stderrText()).contains("Started SpringAiMcpServerApplication")
                    .contains("MCP policy check: 0 findings").doesNotContain(TOKEN);
            assertThat(server.stderrText().lines().filter(l -> l.contains("MCP-CFG-001")))
                    .singleElement().satisfies(l -> assertThat(l).contains("WARN").contains("warning only"));
        }
    }

    /** {@code java -jar} on the repackaged jar, as the README's client-config entry starts it. */
    @Test
    void thePackagedJarAnswersInitializeWithOnlyProtocolMessagesOnStdout() throws Exception {
        Path jar = Path.of(System.getProperty("example.jar", "target/no-packaged-jar.jar"));
        assertThat(jar).as("the repackaged jar (mvn package)").isRegularFile();
        Map<String, String> variables = Map.of("HOME", dir.resolve("home").toString(),
                "GITHUB_PERSONAL_ACCESS_TOKEN", TOKEN);
        try (StdioServerProcess server = StdioServerProcess.startJar(jar, variables, dir.resolve("stderr.txt"),
                "--mcp-secrets.policy.home=" + dir.resolve("home"), "--mcp-secrets.policy.project-directory=" + project)) {
            server.send("""
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                    "capabilities":{},"clientInfo":{"name":"it","version":"1"}}}""");
            JsonNode init = reply(server, 1, STARTUP);
            assertThat(init.at("/result/serverInfo/name").asString()).isEqualTo("github-example");
            assertThat(init.at("/result/capabilities/tools").isObject()).isTrue();
            assertThat(server.closeStdinAndWait(REPLY)).isZero();
            assertThat(server.stdout()).hasSize(1).allSatisfy(SpringAiMcpServerIT::assertJsonRpc);
            assertThat(server.stderrText()).contains("Started SpringAiMcpServerApplication").doesNotContain(TOKEN);
        }
    }

    @Test
    void unresolvableTokenStopsStartupWithTheReportOnStderrAndNothingOnStdout() throws Exception {
        try (StdioServerProcess server = start(Map.of())) {
            assertThat(server.waitFor(STARTUP)).isNotZero();
            assertThat(server.stdout()).isEmpty();
            assertThat(server.stderrText())
                    .contains("APPLICATION FAILED TO START")
                    .contains("example.github.token (class path resource [application.yml]")
                    .contains("keychain:github-mcp/token || dotenv:GITHUB_PERSONAL_ACCESS_TOKEN"
                            + " || env:GITHUB_PERSONAL_ACCESS_TOKEN");
        }
    }

    @Test
    void policyViolationStopsStartupWithTheReportOnStderrAndNothingOnStdout() throws Exception {
        // the server declares (mcp-secrets.policy.read-roots) that it reads the whole home directory
        try (StdioServerProcess server = start(Map.of("GITHUB_PERSONAL_ACCESS_TOKEN", TOKEN),
                "--mcp-secrets.policy.read-roots=" + dir.resolve("home"))) {
            assertThat(server.waitFor(STARTUP)).isNotZero();
            assertThat(server.stdout()).isEmpty();
            assertThat(server.stderrText())
                    .contains("APPLICATION FAILED TO START")
                    .contains("MCP-FS-002")
                    .contains("declared readRoots/0")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void theServersOwnConfigEntryWithAPlaintextTokenStopsStartup() throws Exception {
        Files.writeString(project.resolve(".mcp.json"), "{\"mcpServers\": {\"github-example\": {\"command\": \"java\", "
                + "\"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"" + TOKEN + "\"}}}}");
        try (StdioServerProcess server = start(Map.of("GITHUB_PERSONAL_ACCESS_TOKEN", TOKEN))) {
            assertThat(server.waitFor(STARTUP)).isNotZero();
            assertThat(server.stdout()).isEmpty();
            assertThat(server.stderrText())
                    .contains("APPLICATION FAILED TO START")
                    .contains("MCP-SEC-002")
                    .contains(project.resolve(".mcp.json").toString())
                    .doesNotContain(TOKEN);
        }
    }

    private static JsonNode reply(StdioServerProcess server, int id, Duration timeout) throws InterruptedException {
        while (true) {
            JsonNode message = assertJsonRpc(server.nextLine(timeout));
            if (message.path("id").asInt(-1) == id) {
                assertThat(message.has("error")).as("error reply: %s", message).isFalse();
                return message;
            }
        }
    }

    private static JsonNode assertJsonRpc(String line) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
        assertThat(node.path("jsonrpc").asString()).as("a JSON-RPC 2.0 message: %s", line).isEqualTo("2.0");
        return node;
    }
}
