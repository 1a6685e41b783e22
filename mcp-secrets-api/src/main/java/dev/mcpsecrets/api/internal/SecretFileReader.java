package dev.mcpsecrets.api.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
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

/** How {@link FileProvider} reads a secret file: where it is, whether it is safe, and its contents. */
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
        FileSafety.Violation loose = FileSafety.checkNotShared(path).orElse(null);
        if (loose != null) {
            if (ctx.profile().isProduction()) {
                throw new SecretException(Reason.DENIED, ref.format(),
                        loose.problem() + "; refused in the production profile. Fix: " + loose.fix());
            }
            if (warned.add(path)) {
                LoggerFactory.getLogger(FileProvider.class).warn("{}; production would refuse it. Fix: {}", loose.problem(), loose.fix());
            }
        }
        byte[] bytes = null;
        try {
            long size = Files.size(path);
            if (size > FileProvider.MAX_SIZE) {
                throw new SecretException(Reason.MALFORMED, ref.format(),
                        shown + " is " + size + " bytes; a secret file may hold at most " + FileProvider.MAX_SIZE);
            }
            bytes = Files.readAllBytes(path);
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
            String credentials = ctx.getenv(FileProvider.CREDENTIALS_DIRECTORY);
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
