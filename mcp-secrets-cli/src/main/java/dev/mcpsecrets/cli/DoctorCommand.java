package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ProviderStatus;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.config.ConfigDiscovery;
import dev.mcpsecrets.policy.config.ConfigScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcp-secrets doctor}: what is in effect here and what to fix, on one screen. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Show the profile in effect, each provider's availability and why, the permissions of the known "
                + "secret locations, and the MCP client configs 'audit' would read.",
        footer = {"", "Examples:", "  mcp-secrets doctor", "  mcp-secrets doctor --profile production",
            "  mcp-secrets doctor --logs          # per MCP server: last start, recent errors, where to look",
            "", "--logs reads Claude Desktop's MCP logs (mcp.log, mcp-server-NAME.log) and prints, per server, the last "
                + "start, the number and time of errors since then and in the last 24 hours, and the file and line "
                + "numbers to look at; never the lines themselves (what a server wrote may hold a secret).",
            "", "Exit codes: 0 nothing to fix, 1 something to fix (each line says what; --logs: a server logged errors "
                + "since its last start), 2 usage error."})
final class DoctorCommand extends EnvironmentCommand implements Callable<Integer> {
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Option(names = "--profile", paramLabel = "PROFILE", converter = OptionTypes.ProfileConverter.class,
            completionCandidates = OptionTypes.ProfileCandidates.class,
            description = "Profile to report: ${COMPLETION-CANDIDATES} (default from the environment).")
    Profile profile;

    @Option(names = "--logs", description = "Summarise Claude Desktop's MCP server logs instead: last start, recent "
            + "errors, file and line numbers (never the lines).")
    boolean logs;

    private int problems;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        FileSystemView files = PolicySupport.files(environment);
        if (logs) {
            return DoctorLogs.print(out, files, java.time.Instant.now());
        }
        try (Secrets secrets = SecretsFactory.create(environment, profile, Duration.ofSeconds(5))) {
            out.println("profile: " + secrets.profile() + "  (" + profileSource() + ")");
            out.println();
            out.println("providers (resolution order):");
            for (ProviderStatus p : secrets.providers()) {
                boolean ok = p.availability().available();
                out.printf("  %-16s %-10s %s%n", escape(p.id()), ok ? "ok" : p.availability().reason(),
                        escape(p.availability().detail()));
            }
        }
        out.println();
        out.println("secret locations:");
        Path configDir = UserConfigDir.from(environment).path();
        location(out, files, configDir, true);
        location(out, files, configDir.resolve(TrustStore.FILE_NAME), false);
        location(out, files, files.fingerprintKeyFile(), false);
        Path claudeSecrets = files.home().resolve(".claude").resolve("secrets");
        location(out, files, claudeSecrets, true);
        for (Path dir : List.of(configDir, claudeSecrets, files.workingDirectory())) {
            for (Path env : dotenvFiles(dir)) {
                location(out, files, env, false);
            }
        }
        out.println();
        out.println("MCP client configs 'mcp-secrets audit' reads:");
        TrustStore trust = new TrustStore(UserConfigDir.from(environment));
        for (ConfigDiscovery.Candidate c : ConfigDiscovery.candidates(files)) {
            boolean present = Files.isRegularFile(c.path());
            out.printf("  %-9s %-7s %-15s %s%s%n", present ? "found" : "-", c.scope().name().toLowerCase(java.util.Locale.ROOT),
                    c.client().name().toLowerCase(java.util.Locale.ROOT), escape(files.display(c.path())),
                    present && c.scope() == ConfigScope.PROJECT ? escape(trustState(trust, c.path())) : "");
        }
        out.println();
        out.println(problems == 0 ? "nothing to fix; next: mcp-secrets audit"
                : problems + (problems == 1 ? " thing" : " things") + " to fix (see above); then: mcp-secrets audit");
        return problems == 0 ? Main.OK : Main.FAILED;
    }

    /**
     * Whether run --config and audit --live may use what a project config names. Informational: an
     * untrusted project config is not a problem to fix, only one to review before trusting.
     */
    static String trustState(TrustStore trust, Path config) throws IOException {
        TrustStore.Verdict verdict;
        try {
            verdict = trust.check(config);
        } catch (CliException unsafeStore) {
            return "  (" + unsafeStore.getMessage() + ")";
        }
        switch (verdict) {
            case TRUSTED:
                return "  (trusted)";
            case LINK_NOT_TRUSTED:
                return "  (a symlink to a trusted file, but this link is not trusted; review it, then: mcp-secrets trust "
                        + config + ")";
            case CHANGED:
                return "  (changed since you trusted it; review it, then: mcp-secrets trust " + config + ")";
            default:
                return "  (not trusted: run --config refuses it and audit --live does not resolve what it names; "
                        + "review it, then: mcp-secrets trust " + config + ")";
        }
    }

    private String profileSource() {
        if (profile != null) {
            return "--profile";
        }
        for (String v : List.of("MCP_SECRETS_PROFILE", "CLAUDE_ENV")) {
            if (environment.get(v) != null && !environment.get(v).isBlank()) {
                return "from " + v;
            }
        }
        return "default; set MCP_SECRETS_PROFILE to change";
    }

    private void location(PrintWriter out, FileSystemView files, Path p, boolean directory) throws IOException {
        String shown = escape(files.display(p));
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            out.printf("  %-11s %s%n", "-", shown);
            return;
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            out.printf("  %-11s %s%n", "present", shown);
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        String mode = PosixFilePermissions.toString(perms);
        boolean loose = perms.stream().anyMatch(OTHERS::contains);
        if (loose) {
            problems++;
            out.printf("  %-11s %s  readable by others: chmod %s %s%n", mode, shown, directory ? "700" : "600", shown);
        } else {
            out.printf("  %-11s %s  ok%n", mode, shown);
        }
    }

    private static List<Path> dotenvFiles(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith(".env") && Files.isRegularFile(p))
                        .sorted().forEach(found::add);
            }
        }
        return found;
    }
}
