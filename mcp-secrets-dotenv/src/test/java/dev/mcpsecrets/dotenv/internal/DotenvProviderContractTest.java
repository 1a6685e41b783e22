package dev.mcpsecrets.dotenv.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The provider TCK, in the production profile so that the file-safety checks are enforced. */
class DotenvProviderContractTest extends SecretProviderContract {
    private static final String VALUE = "tck-dotenv-value-\u00e9-4242";
    private static final Path HOME = createHome();

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("tck-dotenv-home");
            Path dir = Files.createDirectories(home.resolve(".config/mcp-secrets"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path file = dir.resolve(".env");
            Files.write(file, ("# tck\nexport TCK_TOKEN=\"" + VALUE + "\"\nOTHER=x\n").getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected SecretProvider createProvider() {
        return new DotenvProvider();
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("dotenv", "TCK_TOKEN");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("dotenv", "TCK_NOT_DEFINED_ANYWHERE");
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        Path file = HOME.resolve(".config/mcp-secrets/.env");
        return List.of(SecretRef.of("dotenv", file + "#OTHER"), SecretRef.of("dotenv", file + "#MISSING"),
                SecretRef.of("dotenv", "/nonexistent/x.env#TCK_TOKEN"), SecretRef.of("dotenv", "not a key"));
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.PRODUCTION, Duration.ofSeconds(10), Map.of("HOME", HOME.toString()));
    }
}
