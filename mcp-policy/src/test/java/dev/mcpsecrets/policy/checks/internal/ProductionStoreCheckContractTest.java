package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.tck.policy.PolicyCheckContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The policy TCK contract for {@link ProductionStoreCheck}, on production homes. */
class ProductionStoreCheckContractTest extends PolicyCheckContract {
    private static final String PLANTED = "PLANTED-prod-literal-Zq8FAKE";

    @Override
    protected PolicyCheck createCheck() {
        return new ProductionStoreCheck();
    }

    @Override
    protected List<PolicyContext> contexts(Path dir) throws IOException {
        Path bad = dir.resolve("bad");
        write(bad.resolve("home/.config/Claude/claude_desktop_config.json"), "{\"mcpServers\": {"
                + "\"db\": {\"command\": \"mcp-secrets\", \"args\": [\"run\", \"--env\", \"DB_PASSWORD=dotenv:DB_PASSWORD\","
                + " \"--\", \"node\", \"db.js\"], \"env\": {\"API_KEY\": \"env:API_KEY\", \"LITERAL_TOKEN\": \"" + PLANTED
                + "\", \"GOOD\": \"vault:secret/app#k\"}},"
                + "\"files\": {\"command\": \"node\", \"args\": [\"f.js\"], \"env\": {\"T\": \"file:/home/u/t.txt\"}}}}");
        PolicyContext insecure = contextIn(bad).toBuilder().profile(Profile.PRODUCTION)
                .self(SelfDeclaration.named("db").withSecretReferences(Map.of("DB_PASSWORD", "env:DB_PASSWORD")))
                .build();
        Path good = dir.resolve("good");
        write(good.resolve("home/.config/Claude/claude_desktop_config.json"), "{\"mcpServers\": {\"db\": {\"command\":"
                + " \"node\", \"args\": [\"db.js\"], \"env\": {\"DB_PASSWORD\": \"vault:secret/app/db#password\"}}}}");
        PolicyContext secure = contextIn(good).toBuilder().profile(Profile.PRODUCTION).build();
        PolicyContext development = contextIn(bad).toBuilder().profile(Profile.DEVELOPMENT).build();
        return List.of(insecure, secure, development);
    }

    @Override
    protected List<String> plantedSecrets() {
        return List.of(PLANTED);
    }
}
