package dev.mcpsecrets.api;

import dev.mcpsecrets.api.internal.files.FileLimits;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code file:PATH}: a whole file is the secret (Docker/Kubernetes secrets, systemd credentials).
 */
final class BuiltInFileProvider implements SecretProvider {
    /** The provider id. */
    public static final String ID = "mcp-file";
    /** systemd's LoadCredential= directory variable. */
    public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";
    /** Secret files larger than this are refused: they are almost certainly not a single secret. */
    static final long MAX_SIZE = FileLimits.MAX_SECRET_FILE_BYTES;

    private final Set<Path> warned = ConcurrentHashMap.newKeySet();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public boolean supports(SecretRef ref) {
        return "file".equals(ref.scheme());
    }

    @Override
    public Availability availability() {
        return Availability.available("local files");
    }

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        // The reading lives in its own class: its exception handling would otherwise load half a dozen
        // JDK exception classes when discovery constructs this provider at server start.
        return SecretFileReader.read(ref, ctx, warned);
    }

    @Override
    public String toString() {
        return ID;
    }
}
