package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.internal.files.BoundedFiles;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.config.McpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets trust FILE}: allow {@code run --config FILE} to act on this exact content. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Allow 'mcp-secrets run --config FILE' to start the servers FILE declares.",
            "Records the file's real path and SHA-256 in the user's settings (mode 600); any later change to the file "
                + "needs trusting again, so a cloned repository cannot send your secrets to a command of its choosing.",
            "A symlink is trusted as the path it is: 'run --config LINK' needs 'trust LINK'. Relative 'cwd' and "
                + "commands always resolve in the trusted file's real directory."},
        footer = {"", "Examples:",
            "  mcp-secrets trust .mcp.json",
            "  mcp-secrets trust --revoke .mcp.json",
            "  mcp-secrets trust --list",
            "", "Exit codes: 0 done, 2 usage error, unreadable file, or a trust store others could change."})
final class TrustCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Config files to trust (or revoke).")
    List<Path> files = List.of();

    @Option(names = "--revoke", description = "Forget the files (and every link to them) instead of trusting them.")
    boolean revoke;

    @Option(names = "--list", description = "List the trusted files, their hashes and the links trusted to them.")
    boolean list;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TrustStore store = new TrustStore(UserConfigDir.from(environment));
        if (list) {
            store.entries().forEach((file, entry) -> {
                out.println(entry.sha256() + "  " + printable(file));
                entry.links().forEach(link -> out.println(escape("  via link " + printable(link))));
            });
            return Main.OK;
        }
        if (files.isEmpty()) {
            throw new CliException(Main.USAGE, "name the config file to trust, e.g. mcp-secrets trust .mcp.json");
        }
        for (Path file : files) {
            if (revoke) {
                if (!Files.exists(file)) {
                    throw new CliException(Main.USAGE, file + ": no such file");
                }
                out.println(escape((store.revoke(file) ? "revoked " : "was not trusted: ") + file));
                continue;
            }
            TrustStore.Snapshot s = trust(store, file);
            out.println(escape("trusted " + file + " (sha256 " + s.sha256() + ")"));
            if (s.link() != null) {
                out.println("  a link to " + printable(s.real()) + "; its servers run in " + printable(s.realDirectory()));
            }
            out.println("  servers: " + servers(s));
        }
        return Main.OK;
    }

    /** Trusts a readable regular file within the config limits; anything else is a clear usage error. */
    private static TrustStore.Snapshot trust(TrustStore store, Path file) throws IOException {
        try {
            // a named pipe or device is refused from its file type, before anything opens it
            BoundedFiles.check(WorkingDirectory.absolute(file), FileLimits.MAX_CONFIG_BYTES);
            return store.trust(file);
        } catch (FileLimitException e) {
            throw new CliException(Main.USAGE, file + ": " + RunCommand.reason(e));
        } catch (NoSuchFileException e) {
            throw new CliException(Main.USAGE, file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(Main.USAGE, file + ": cannot read (permission denied)");
        }
    }

    /** The server names in exactly the bytes that were hashed. */
    private static String servers(TrustStore.Snapshot s) {
        List<String> names = McpConfigReader.parse(s.content(), s.given(), ConfigScope.PROJECT).servers().stream()
                .map(McpServer::name).map(TrustCommand::printable).toList();
        return names.isEmpty() ? "(none found)" : String.join(", ", names);
    }

    /** Control characters as escapes, so a name or path cannot drive the terminal. */
    static String printable(Object text) {
        return escape(text.toString());
    }
}
