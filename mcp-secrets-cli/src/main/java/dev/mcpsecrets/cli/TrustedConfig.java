package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A config named with {@code --config} ({@code run}, {@code bridge}): used only when {@code trust}
 * recorded exactly these bytes for its real path, so a config someone else changed launches nothing
 * and sends no credential anywhere.
 */
final class TrustedConfig {
    private TrustedConfig() {
    }

    /**
     * The config's bytes, read once within the config limits, when their hash is trusted for its real path
     * and the path used is the real file or a trusted link to it.
     */
    static TrustStore.Snapshot snapshot(Path file, Map<String, String> environment, int exitCode) {
        try {
            // a named pipe or device is refused from its file type, before anything opens it
            BoundedFiles.check(WorkingDirectory.absolute(file), FileLimits.MAX_CONFIG_BYTES);
            TrustStore.Snapshot snapshot = TrustStore.snapshot(file);
            TrustStore trust = new TrustStore(UserConfigDir.from(environment));
            switch (trust.check(snapshot)) {
                case TRUSTED:
                    return snapshot;
                case CHANGED:
                    throw new CliException(exitCode, file + " changed since you trusted it; review it, "
                            + "then run: mcp-secrets trust " + file);
                case LINK_NOT_TRUSTED:
                    throw new CliException(exitCode, file + " is a symlink to " + snapshot.real()
                            + ", which is trusted, but this link is not; its servers would run in "
                            + snapshot.realDirectory() + ". If that is what you want, run: mcp-secrets trust " + file);
                default:
                    throw new CliException(exitCode, file + " is not trusted; review it, then run: "
                            + "mcp-secrets trust " + file);
            }
        } catch (FileLimitException e) {
            throw new CliException(exitCode, "--config " + file + ": " + RunCommand.reason(e));
        } catch (NoSuchFileException e) {
            throw new CliException(exitCode, file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(exitCode, file + ": cannot read (permission denied)");
        } catch (IOException e) {
            throw new CliException(exitCode, file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

}
