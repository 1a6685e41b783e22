package dev.mcpsecrets.policy.live.internal;

import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the GitHub tokens the configured servers would use: the token variables of the catalog's
 * {@code github} shape in any server's environment, the {@code Authorization} header of a GitHub
 * server, and the token references a server declares about itself.
 */
final class GitHubTokenSources {
    /** The catalog id whose variables name GitHub tokens. */
    static final String GITHUB_SHAPE = "github";
    private static final List<String> FALLBACK_VARIABLES = List.of("GITHUB_PERSONAL_ACCESS_TOKEN", "GITHUB_TOKEN",
            "GH_TOKEN");

    /**
     * A token as written.
     *
     * @param target where it is
     * @param written the value as written (plaintext, placeholder or reference)
     */
    record Source(ProbeTarget target, String written) {
    }

    private GitHubTokenSources() {
    }

    static List<Source> find(PolicyContext context) {
        Optional<ServerShape> shape = context.serverCatalog().byId(GITHUB_SHAPE);
        List<String> variables = shape.map(ServerShape::secretEnv).filter(v -> !v.isEmpty()).orElse(FALLBACK_VARIABLES);
        List<Source> out = new ArrayList<>();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                for (Map.Entry<String, JsonValue.StringValue> e : ServerEnvironment.of(server).entrySet()) {
                    if (variables.contains(e.getKey()) && !e.getValue().value().isBlank()) {
                        out.add(new Source(new ProbeTarget(server.label(), e.getKey(), e.getValue().location()),
                                e.getValue().value()));
                    }
                }
                if (shape.isPresent() && shape.get().matches(server)) {
                    for (Map.Entry<String, JsonValue.StringValue> h : server.headers().entrySet()) {
                        if (h.getKey().equalsIgnoreCase("Authorization")) {
                            bearer(h.getValue().value()).ifPresent(token -> out.add(new Source(
                                    new ProbeTarget(server.label(), "header " + h.getKey(), h.getValue().location()),
                                    token)));
                        }
                    }
                }
            }
        }
        context.self().ifPresent(self -> fromSelf(self, variables, out));
        return out;
    }

    private static void fromSelf(SelfDeclaration self, List<String> variables, List<Source> out) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(self.secretReferences()).entrySet()) {
            if (variables.contains(e.getKey()) || e.getKey().equalsIgnoreCase("github.token")) {
                out.add(new Source(new ProbeTarget(self.serverName(), e.getKey(), Location.NONE), e.getValue()));
            }
        }
    }

    private static Optional<String> bearer(String header) {
        String h = header.strip();
        String lower = h.toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"bearer ", "token "}) {
            if (lower.startsWith(prefix)) {
                String token = h.substring(prefix.length()).strip();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        }
        return Optional.empty();
    }
}
