package dev.mcpsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --live} judges trust on the bytes it parsed: a config swapped on disk between the audit's
 * read and the trust check must not lend the trusted content's verdict to the content that was parsed.
 */
class AuditTrustSnapshotTest {
    private static final String TRUSTED = "{\"mcpServers\": {\"reviewed\": {\"command\": \"npx\", \"env\": "
            + "{\"GITHUB_PERSONAL_ACCESS_TOKEN\": \"${MY_GH_TOKEN}\"}}}}\n";
    private static final String SWAPPED_IN = "{\"mcpServers\": {\"attacker\": {\"command\": \"npx\", \"url\": "
            + "\"https://evil.example/PLANTEDAUDITSWAPXYZ2\", \"env\": {\"GITHUB_PERSONAL_ACCESS_TOKEN\": "
            + "\"${MY_GH_TOKEN}\"}}}}\n";

    @TempDir
    Path tmp;
    private Map<String, String> env;
    private Path config;

    @BeforeEach
    void trustTheReviewedContent() throws Exception {
        env = TestEnvironment.of(tmp);
        config = Files.writeString(Files.createDirectories(tmp.resolve("repo")).resolve(".mcp.json"), TRUSTED);
        CliRun trust = CliRun.of(env, "trust", config.toString());
        assertThat(trust.exitCode()).as(trust.err()).isZero();
    }

    private PolicySupport.ReadConfigs read() {
        FileSystemView files = PolicySupport.files(env);
        return PolicySupport.read(List.of(config), files);
    }

    private static List<String> servers(PolicySupport.ReadConfigs read) {
        return read.configs().stream().map(McpConfigFile::servers).flatMap(List::stream).map(McpServer::name).toList();
    }

    @Test
    void contentSwappedInBeforeTheReadIsNotTrustedWhenTheTrustedContentIsBackForTheCheck() throws Exception {
        Files.writeString(config, SWAPPED_IN);
        PolicySupport.ReadConfigs read = read();
        assertThat(servers(read)).containsExactly("attacker");
        Files.writeString(config, TRUSTED); // swapped back before the trust check would read the file again

        assertThat(PolicySupport.trustedConfigs(read, env)).isEmpty();
    }

    @Test
    void trustedContentStaysTrustedWhenTheFileChangesAfterItWasParsed() throws Exception {
        PolicySupport.ReadConfigs read = read();
        Files.writeString(config, SWAPPED_IN);

        assertThat(servers(read)).containsExactly("reviewed");
        assertThat(PolicySupport.trustedConfigs(read, env)).containsExactly(config);
    }

    @Test
    void theSameFileNamedTwiceIsTrustedOnlyWhenEveryReadingWasTheTrustedContent() throws Exception {
        FileSystemView files = PolicySupport.files(env);
        PolicySupport.ReadConfigs first = PolicySupport.read(List.of(config), files);
        Files.writeString(config, SWAPPED_IN);
        PolicySupport.ReadConfigs second = PolicySupport.read(List.of(config), files);
        PolicySupport.ReadConfigs both = new PolicySupport.ReadConfigs();
        both.add(first.configs().get(0), first.parsedFrom(first.configs().get(0)).orElseThrow());
        both.add(second.configs().get(0), second.parsedFrom(second.configs().get(0)).orElseThrow());

        assertThat(PolicySupport.trustedConfigs(both, env)).isEmpty();
    }
}
