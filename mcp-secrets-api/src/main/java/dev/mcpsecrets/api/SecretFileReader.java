package dev.mcpsecrets.api;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.api.internal.files.FileSafety;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** How {@link BuiltInFileProvider} reads a secret file: where it is, whether it is safe, and its contents. */
final class SecretFileReader {
    private SecretFileReader() {
    }

    /**
     * Reads the file a {@code file:} reference names.
     *
     * @param ref the reference
     * @param ctx profile and environment ({@code $CREDENTIALS_DIRECTORY})
     * @param warned files already warned about, so each loose file is logged once
     * @return the secret, owned by the caller
     * @throws SecretException with the reason it could not be had
     */
    static Secret read(SecretRef ref, ResolveContext ctx, Set<Path> warned) throws SecretException {
        Path path = locate(ref, ctx);
        String shown = path.toString();
        if (!Files.exists(path)) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no file " + shown);
        }
        if (Files.isDirectory(path)) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), shown + " is a directory, not a file");
        }
        try {
            // a named pipe or device is refused before anything else: reading one could block or never end
            BoundedFiles.check(path, BuiltInFileProvider.MAX_SIZE);
        } catch (FileLimitException e) {
            throw refused(ref, e);
        } catch (IOException e) {
            // not found or not readable: the read below says which
        }
        FileSafety.Violation loose = FileSafety.checkNotShared(path).orElse(null);
        if (loose != null) {
            if (ctx.profile().isProduction()) {
                throw new SecretException(Reason.DENIED, ref.format(),
                        loose.problem() + "; refused in the production profile. Fix: " + loose.fix());
            }
            if (warned.add(path)) {
                LoggerFactory.getLogger(BuiltInFileProvider.class).warn("{}; production would refuse it. Fix: {}", loose.problem(), loose.fix());
            }
        }
        byte[] bytes = null;
        try {
            bytes = BoundedFiles.read(path, BuiltInFileProvider.MAX_SIZE);
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\n') {
                end--;
                if (end > 0 && bytes[end - 1] == '\r') {
                    end--;
                }
            }
            byte[] trimmed = Arrays.copyOf(bytes, end);
            try {
                return Secret.ofUtf8(trimmed).withOrigin("file " + shown);
            } finally {
                Arrays.fill(trimmed, (byte) 0);
            }
        } catch (FileLimitException e) {
            throw refused(ref, e);
        } catch (NoSuchFileException e) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no file " + shown);
        } catch (AccessDeniedException e) {
            throw new SecretException(Reason.DENIED, ref.format(), "no permission to read " + shown);
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, ref.format(),
                    "cannot read " + shown + ": " + e.getClass().getSimpleName());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    private static SecretException refused(SecretRef ref, FileLimitException e) {
        boolean tooLarge = e.problem() == FileLimitException.Problem.TOO_LARGE;
        return new SecretException(tooLarge ? Reason.MALFORMED : Reason.DENIED, ref.format(), e.getMessage()
                + (tooLarge ? " (a secret file may hold at most " + FileLimits.describe(BuiltInFileProvider.MAX_SIZE) + ")" : ""));
    }

    private static Path locate(SecretRef ref, ResolveContext ctx) throws SecretException {
        String body = ref.body();
        try {
            if (body.startsWith("~/")) {
                return Paths.get(System.getProperty("user.home"), body.substring(2));
            }
            Path path = Paths.get(body);
            if (path.isAbsolute()) {
                return path;
            }
            String credentials = ctx.getenv(BuiltInFileProvider.CREDENTIALS_DIRECTORY);
            if (credentials != null && !credentials.isBlank()) {
                Path candidate = Paths.get(credentials).resolve(path);
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
            return path.toAbsolutePath();
        } catch (InvalidPathException e) {
            throw MalformedRefException.of(ref, -1, "not a valid path: " + e.getReason());
        }
    }

}
