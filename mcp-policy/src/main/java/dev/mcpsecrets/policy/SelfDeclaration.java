package dev.mcpsecrets.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a server checking itself through {@link PolicyGuard} declares about its own settings, so
 * checks can compare intent with configuration (a server that says it is read-only must not be
 * given write access).
 *
 * @param serverName the server's name, as in its MCP client config
 * @param readOnly whether the server promises to only read (files, repositories, databases)
 * @param readRoots directories the server reads
 * @param writeRoots directories the server writes; must be empty when {@code readOnly}
 * @param secretReferences secret name to reference expression, e.g.
 *     {@code GITHUB_TOKEN -> keychain:gh/token || env:GITHUB_TOKEN}
 * @param settings other settings checks may look at (never secret values), e.g.
 *     {@code database.url -> postgresql://app@db/prod}
 * @since 0.1
 */
public record SelfDeclaration(String serverName, boolean readOnly, List<Path> readRoots, List<Path> writeRoots,
        Map<String, String> secretReferences, Map<String, String> settings) {

    /**
     * Copies the collections.
     *
     * @param serverName the name
     * @param readOnly whether read-only
     * @param readRoots the read roots
     * @param writeRoots the write roots
     * @param secretReferences the secret references
     * @param settings the other settings
     */
    public SelfDeclaration {
        Objects.requireNonNull(serverName, "serverName");
        readRoots = List.copyOf(readRoots);
        writeRoots = List.copyOf(writeRoots);
        secretReferences = Map.copyOf(secretReferences);
        settings = Map.copyOf(settings);
    }

    /**
     * A declaration with only a name; add the rest with the {@code with...} methods.
     *
     * @param serverName the server's name
     * @return the declaration
     */
    public static SelfDeclaration named(String serverName) {
        return new SelfDeclaration(serverName, false, List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * This declaration, read-only or not.
     *
     * @param value whether the server only reads
     * @return a new declaration
     */
    public SelfDeclaration withReadOnly(boolean value) {
        return new SelfDeclaration(serverName, value, readRoots, writeRoots, secretReferences, settings);
    }

    /**
     * This declaration with these roots.
     *
     * @param read the directories read
     * @param write the directories written
     * @return a new declaration
     */
    public SelfDeclaration withRoots(List<Path> read, List<Path> write) {
        return new SelfDeclaration(serverName, readOnly, read, write, secretReferences, settings);
    }

    /**
     * This declaration with these secret references.
     *
     * @param references name to reference expression
     * @return a new declaration
     */
    public SelfDeclaration withSecretReferences(Map<String, String> references) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, references, settings);
    }

    /**
     * This declaration with these other settings.
     *
     * @param values name to value (never a secret)
     * @return a new declaration
     */
    public SelfDeclaration withSettings(Map<String, String> values) {
        return new SelfDeclaration(serverName, readOnly, readRoots, writeRoots, secretReferences, values);
    }
}
