package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-config entries that start the server checking itself: those named as it declares itself,
 * or whose command line holds one of its declared commands.
 */
final class OwnEntries {
    private OwnEntries() {
    }

    /**
     * The entries of the context's configs that start its declared server.
     *
     * @param context the context
     * @return the entries, empty without a declaration
     */
    public static List<McpServer> of(PolicyContext context) {
        List<McpServer> own = new ArrayList<>();
        context.self().ifPresent(self -> {
            for (McpConfigFile config : context.configs()) {
                for (McpServer server : config.servers()) {
                    if (self.isStartedBy(server)) {
                        own.add(server);
                    }
                }
            }
        });
        return own;
    }

    /**
     * Whether a finding is about one of these entries: it points into the entry, or it is about a whole
     * config file that holds one.
     *
     * @param f the finding
     * @param own the entries
     * @return {@code true} if the finding concerns the server itself
     */
    public static boolean concerns(Finding f, List<McpServer> own) {
        Path file = f.location().file();
        if (file == null) {
            return false;
        }
        Path normal = file.toAbsolutePath().normalize();
        String pointer = f.location().jsonPointer();
        for (McpServer server : own) {
            Path entryFile = server.location().file();
            if (entryFile == null || !entryFile.toAbsolutePath().normalize().equals(normal)) {
                continue;
            }
            String entry = server.location().jsonPointer();
            if (pointer == null || pointer.isEmpty() || entry == null) {
                return true;
            }
            if (pointer.equals(entry) || pointer.startsWith(entry + "/")) {
                return true;
            }
        }
        return false;
    }
}
