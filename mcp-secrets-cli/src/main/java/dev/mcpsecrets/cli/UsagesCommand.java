package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mcp-secrets usages}: where each secret reference or plaintext value is used, for rotation after a leak. */
@Command(name = "usages", mixinStandardHelpOptions = true,
        description = "List which configs and servers use each secret reference and each plaintext value (by keyed "
                + "fingerprint, never the value): a leaked credential's blast radius and the places to rotate.",
        footer = {"", "Examples:",
            "  mcp-secrets usages",
            "  mcp-secrets usages --ref op://Private/GitHub/token",
            "  pbpaste | mcp-secrets usages --value-stdin        # where is this leaked token configured?",
            "  mcp-secrets usages ~/.claude.json .mcp.json",
            "", "A config that cannot be read (not a regular file, over the size or nesting limits, not valid JSON) is "
                + "named on stderr with file:line:column, and the exit code is then 2.",
            "", "Exit codes: 0 something listed, 1 nothing uses the reference or value, 2 usage error or a config "
                + "could not be read."})
final class UsagesCommand extends EnvironmentCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "0..*", description = "Config files (default: discover as audit does).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--ref", paramLabel = "REF", description = "Only the places using this reference.")
    String ref;

    @Option(names = "--value-stdin", description = "Read a (leaked) value from stdin and list the places holding it.")
    boolean valueFromStdin;

    @Override
    public Integer call() throws IOException {
        FileSystemView files = PolicySupport.files(environment);
        List<McpConfigFile> configs = PolicySupport.configs(paths, files);
        Set<String> schemes;
        try (Secrets secrets = SecretsFactory.create(environment, null, Duration.ofSeconds(5))) {
            schemes = secrets.knownSchemes();
        }
        List<Usages.Use> uses = Usages.collect(configs, schemes);
        PrintWriter out = spec.commandLine().getOut();
        int unread = reportUnread(configs, spec.commandLine().getErr());
        if (valueFromStdin) {
            int code = leaked(out, uses, PipedValue.read(System.in, "nothing searched"), configs.size() - unread, unread);
            return unread > 0 ? Main.USAGE : code;
        }
        KeyedFingerprinter fingerprints = KeyedFingerprinter.forKeyFile(files.fingerprintKeyFile());
        Map<String, List<Usages.Use>> byKey = new LinkedHashMap<>();
        for (Usages.Use use : uses) {
            String key = use.reference() ? use.value().value()
                    : "plaintext " + KeyedFingerprinter.shortForm(fingerprints.fingerprint(use.value().value()))
                            + " (" + use.value().value().length() + " characters)";
            if (use.searchOnly()) {
                continue;
            }
            if (ref == null || (use.reference() && use.value().value().equals(ref.strip()))) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(use);
            }
        }
        byKey.forEach((key, list) -> {
            out.println(escape(key));
            list.forEach(u -> out.println("  " + escape(u.place())));
        });
        out.println(byKey.size() + (byKey.size() == 1 ? " value" : " values") + " in " + configs(configs.size() - unread)
                + (unread > 0 ? "; " + configs(unread) + " could not be read (see above)" : ""));
        if (unread > 0) {
            return Main.USAGE;
        }
        return byKey.isEmpty() && ref != null ? Main.FAILED : Main.OK;
    }

    private static String configs(int n) {
        return n + (n == 1 ? " config" : " configs");
    }

    /** Names each config that could not be read, where and why (never its text); returns how many. */
    private static int reportUnread(List<McpConfigFile> configs, PrintWriter err) {
        int unread = 0;
        for (McpConfigFile config : configs) {
            if (config.document().root().isPresent()) {
                continue;
            }
            unread++;
            err.println("mcp-secrets: " + ErrorHandler.oneLine(LaunchEntry.unreadable(config))
                    + "; its values were not searched");
        }
        err.flush();
        return unread;
    }

    private static int leaked(PrintWriter out, List<Usages.Use> uses, char[] value, int read, int unread) {
        try {
            if (value.length == 0) {
                throw new CliException(Main.USAGE, "--value-stdin: nothing was read from stdin");
            }
            String needle = new String(value);
            int found = 0;
            for (Usages.Use use : uses) {
                if (!use.reference() && use.holds(needle)) {
                    out.println(escape(use.place()));
                    found++;
                }
            }
            out.println(found == 0 && unread > 0 ? "the value is not in the " + configs(read) + " that could be read; "
                    + configs(unread) + " could not be read (see above)"
                    : found == 0 ? "the value is not in these configs" : found + (found == 1 ? " place holds" : " places hold")
                    + " the value: rotate it at its issuer, then replace each with a reference");
            return found == 0 ? Main.FAILED : Main.OK;
        } finally {
            java.util.Arrays.fill(value, '\0');
        }
    }
}
