package dev.mcpsecrets.tck;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The provider as discovery finds it: the class registered for the service loader. */
class FileProviderContractTest extends SecretProviderContract {
    private static final String VALUE = "tck-file-value-\u00e9-7890";
    private static final Path DIR = createCredentialsDirectory();

    private static Path createCredentialsDirectory() {
        try {
            Path dir = Files.createTempDirectory("tck-credentials");
            Path file = dir.resolve("db_password");
            Files.write(file, (VALUE + "\n").getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected SecretProvider createProvider() {
        return Registrations.create("mcp-file");
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("file", "db_password");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("file", DIR.resolve("absent").toString());
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("file", DIR.toString()), SecretRef.of("file", "/proc/self/nonexistent/x"));
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.PRODUCTION, Duration.ofSeconds(5),
                Map.of("CREDENTIALS_DIRECTORY", DIR.toString()));
    }
}
