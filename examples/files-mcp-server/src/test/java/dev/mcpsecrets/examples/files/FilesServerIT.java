package dev.mcpsecrets.examples.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The packaged server as a client starts it: directly and through {@code mcp-secrets run}. */
class FilesServerIT {
    private static final Path SERVER_JAR = Path.of("target/files-mcp-server.jar").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("../../bin/mcp-secrets").toAbsolutePath().normalize();
    private static final String TOKEN = "tok_e2e_Vq3xR8mZ";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;
    Path root;
    Path home;

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(root.resolve("notes.md"), "hello");
        Files.createDirectories(root.resolve("docs"));
        home = Files.createDirectories(tmp.resolve("home"));
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private List<String> server(String rootDir) {
        return List.of(JAVA, "-jar", SERVER_JAR.toString(), "--root", rootDir);
    }

    @Test
    void servesToolsOverStdioWithOnlyProtocolMessagesOnStdout() throws Exception {
        try (StdioClient client = StdioClient.start(server(root.toString()), env("FILES_API_TOKEN", TOKEN), tmp)) {
            exercise(client, "mcp-env");
            assertThat(client.closeAndWait()).isZero();
            assertOnlyProtocolOnStdout(client);
            assertThat(client.stderr()).contains("serving").doesNotContain(TOKEN);
        }
    }

    @Test
    void startedThroughMcpSecretsRunWithTheTokenFromADotenvFile() throws Exception {
        Path dotenv = Files.writeString(tmp.resolve("secrets.env"), "FILES_TOKEN=" + TOKEN + "\n");
        Files.setPosixFilePermissions(dotenv, PosixFilePermissions.fromString("rw-------"));
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "run",
                "--env", "FILES_API_TOKEN=dotenv:" + dotenv + "#FILES_TOKEN", "--"));
        command.addAll(server(root.toString()));
        try (StdioClient client = StdioClient.start(command, env(), tmp)) {
            exercise(client, "mcp-env");
            assertThat(client.closeAndWait()).isZero();
            assertOnlyProtocolOnStdout(client);
            assertThat(client.stderr()).doesNotContain(TOKEN);
        }
    }

    @Test
    void servingTheWholeFileSystemIsRefusedWithTheReportOnStderr() throws Exception {
        try (StdioClient client = StdioClient.start(server("/"), env("FILES_API_TOKEN", TOKEN), tmp)) {
            assertThat(client.waitForExit()).isEqualTo(2);
            assertThat(client.stdoutLines()).isEmpty();
            assertThat(client.stderr()).contains("MCP-FS-001").contains("refusing to start").contains("Fix:");
        }
    }

    @Test
    void plaintextTokenUnderProductionIsRefusedWithoutShowingIt() throws Exception {
        String pasted = "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345";
        try (StdioClient client = StdioClient.start(server(root.toString()),
                env("FILES_TOKEN_REF", pasted, "MCP_SECRETS_PROFILE", "production"), tmp)) {
            assertThat(client.waitForExit()).isEqualTo(2);
            assertThat(client.stdoutLines()).isEmpty();
            assertThat(client.stderr()).contains("MCP-SEC-001").contains("profile").doesNotContain(pasted);
        }
    }

    @Test
    void missingTokenExitsOneAndSaysWhy() throws Exception {
        try (StdioClient client = StdioClient.start(server(root.toString()), env(), tmp)) {
            assertThat(client.waitForExit()).isEqualTo(1);
            assertThat(client.stdoutLines()).isEmpty();
            assertThat(client.stderr()).contains("no token").contains("FILES_API_TOKEN");
        }
    }

    private void exercise(StdioClient client, String provider) throws Exception {
        JsonNode init = client.initialize();
        assertThat(init.at("/result/serverInfo/name").asString()).isEqualTo("files-mcp-server");

        JsonNode tools = client.request(2, "tools/list", Map.of());
        List<String> names = new ArrayList<>();
        tools.at("/result/tools").forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("list_files", "whoami");

        JsonNode whoami = client.request(3, "tools/call", Map.of("name", "whoami", "arguments", Map.of()));
        assertThat(whoami.at("/result/content/0/text").asString())
                .contains(provider).contains(TOKEN.length() + " characters").doesNotContain(TOKEN);

        JsonNode list = client.request(4, "tools/call", Map.of("name", "list_files", "arguments", Map.of()));
        assertThat(list.at("/result/isError").asBoolean()).isFalse();
        assertThat(list.at("/result/content/0/text").asString()).isEqualTo("docs/\nnotes.md");

        JsonNode escape = client.request(5, "tools/call", Map.of("name", "list_files", "arguments", Map.of("path", "../..")));
        assertThat(escape.at("/result/isError").asBoolean()).isTrue();
        assertThat(escape.at("/result/content/0/text").asString()).contains("outside the served root");
    }

    private static void assertOnlyProtocolOnStdout(StdioClient client) {
        assertThat(client.stdoutLines()).isNotEmpty().allSatisfy(line -> {
            assertThatCode(() -> StdioClient.parse(line)).as(line).doesNotThrowAnyException();
            JsonNode m = StdioClient.parse(line);
            assertThat(m.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
            assertThat(m.has("result") || m.has("error") || m.has("method")).as(line).isTrue();
        });
    }
}
