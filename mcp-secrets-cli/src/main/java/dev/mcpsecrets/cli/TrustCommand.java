package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets trust FILE}: allow {@code run --config FILE} to act on this exact content. */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Allow 'mcp-secrets run --config FILE' to start the servers FILE declares.",
            "Records the file's SHA-256 in the user's settings (mode 600); any later change to the file needs trusting "
                + "again, so a cloned repository cannot send your secrets to a command of its choosing."},
        footer = {"", "Examples:",
            "  mcp-secrets trust .mcp.json",
            "  mcp-secrets trust --revoke .mcp.json",
            "  mcp-secrets trust --list",
            "", "Exit codes: 0 done, 2 usage error or unreadable file."})
final class TrustCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Config files to trust (or revoke).")
    List<Path> files = List.of();

    @Option(names = "--revoke", description = "Forget the files instead of trusting them.")
    boolean revoke;

    @Option(names = "--list", description = "List the trusted files and their hashes.")
    boolean list;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        TrustStore store = new TrustStore(UserConfigDir.from(environment));
        if (list) {
            store.entries().forEach((file, hash) -> out.println(escape(hash + "  " + file)));
            return Main.OK;
        }
        if (files.isEmpty()) {
            throw new CliException(Main.USAGE, "name the config file to trust, e.g. mcp-secrets trust .mcp.json");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new CliException(Main.USAGE, file + ": no such file");
            }
            if (revoke) {
                out.println(escape((store.revoke(file) ? "revoked " : "was not trusted: ") + file));
            } else {
                out.println(escape("trusted " + file + " (sha256 " + store.trust(file) + ")"));
            }
        }
        return Main.OK;
    }
}
