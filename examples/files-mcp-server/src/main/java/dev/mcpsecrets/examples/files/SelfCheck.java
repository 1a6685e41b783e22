package dev.mcpsecrets.examples.files;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyGuard;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.SelfDeclaration;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs the policy checks on this server's own declaration before it serves anything: the root it
 * serves (a root of {@code /}, the home directory or a credential directory is refused), that it only
 * reads, and the reference its token comes from (a token pasted where a reference belongs is refused).
 * The client-config entries that start it (by name, or by its jar) are judged too; other servers in
 * this user's configs are only warned about.
 */
final class SelfCheck {
    /** What starts this server, so the guard finds its client-config entries by command too. */
    static final String JAR = "files-mcp-server.jar";

    private SelfCheck() {
    }

    /**
     * Runs the guard; throws {@link dev.mcpsecrets.policy.engine.PolicyViolationException} at high or above.
     */
    static PolicyReport enforce(Settings settings, Map<String, String> env) {
        FileSystemView files = FileSystemView.ofProcess(env);
        PolicyContext.Builder context = PolicyContext.builder().environment(env)
                .profile(Profile.fromEnvironment(env, null)).files(files).discoverConfigs();
        try {
            context.userFingerprinter();
        } catch (IOException e) {
            // a per-run key still compares values within this run
            org.slf4j.LoggerFactory.getLogger(SelfCheck.class).warn("per-run fingerprint key: {}", e.getMessage());
        }
        SelfDeclaration self = SelfDeclaration.named(settings.name()).withReadOnly(true)
                .withRoots(List.of(settings.root()), List.of())
                .withSecretReferences(Map.of(Settings.TOKEN_REF_VARIABLE, settings.tokenReference()))
                .withCommands(List.of(JAR));
        return PolicyGuard.builder().context(context.build()).self(self).build().check();
    }
}
