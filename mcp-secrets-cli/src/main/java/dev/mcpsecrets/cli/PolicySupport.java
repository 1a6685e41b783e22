package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.policy.engine.Baseline;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.engine.Suppressions;
import dev.mcpsecrets.policy.config.ConfigDiscovery;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Builds the policy engine and context the commands share, from the command's environment and options. */
final class PolicySupport {
    private PolicySupport() {
    }

    /** The file-system view with the home from the given environment (so tests can use a temporary one). */
    static FileSystemView files(Map<String, String> environment) {
        String home = environment.get("HOME");
        Path homeDir = home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
        return FileSystemView.of(homeDir, WorkingDirectory.path(), FileSystemView.OperatingSystem.current(),
                environment);
    }

    /**
     * The named configs, or when none are named, those of this user and the current project. A named
     * file counts as a user-level config only when it is one of this user's clients' own files; any
     * other named file is read as a project config, which live probes treat as untrusted until the
     * user trusts it.
     */
    static List<McpConfigFile> configs(List<Path> paths, FileSystemView files) {
        if (paths.isEmpty()) {
            return ConfigDiscovery.readAll(files);
        }
        Set<Path> userLevel = new HashSet<>();
        for (ConfigDiscovery.Candidate c : ConfigDiscovery.candidates(files)) {
            if (c.scope() == ConfigScope.USER) {
                userLevel.add(WorkingDirectory.absolute(c.path()));
            }
        }
        List<McpConfigFile> configs = new ArrayList<>();
        for (Path named : paths) {
            Path p = WorkingDirectory.absolute(named);
            if (Files.isDirectory(p)) {
                for (Path file : jsonFilesBelow(p)) {
                    configs.add(read(file.normalize(), userLevel));
                }
            } else if (Files.exists(p)) {
                // the reader refuses what is not a regular file (a pipe, a device) without opening it, and says so
                configs.add(read(p, userLevel));
            } else {
                throw new CliException(Main.USAGE, named + ": no such file");
            }
        }
        return configs;
    }

    private static McpConfigFile read(Path file, Set<Path> userLevel) {
        return McpConfigReader.read(file, userLevel.contains(file) ? ConfigScope.USER : ConfigScope.PROJECT);
    }

    /**
     * The project configs among these that the user trusted with {@code mcp-secrets trust} and that have
     * not changed since: live probes may resolve the variables and secrets they name.
     */
    static List<Path> trustedConfigs(List<McpConfigFile> configs, Map<String, String> environment) throws IOException {
        TrustStore store = new TrustStore(UserConfigDir.from(environment));
        List<Path> trusted = new ArrayList<>();
        for (McpConfigFile config : configs) {
            if (config.scope() == ConfigScope.PROJECT && config.document().root().isPresent()
                    && Files.isRegularFile(config.path()) && store.check(config.path()) == TrustStore.Verdict.TRUSTED) {
                trusted.add(config.path());
            }
        }
        return trusted;
    }

    /** A named directory stands for every {@code .json} file below it (.mcp.json and .vscode/mcp.json too). */
    private static List<Path> jsonFilesBelow(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new CliException(Main.USAGE, dir + ": cannot list (" + e.getClass().getSimpleName() + ")");
        } catch (java.io.UncheckedIOException e) {
            // a directory below it that cannot be listed
            throw new CliException(Main.USAGE, dir + ": cannot list everything below it ("
                    + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    static PolicyContext.Builder context(Map<String, String> environment, Profile profile, FileSystemView files,
            List<McpConfigFile> configs) {
        PolicyContext.Builder b = PolicyContext.builder().environment(environment).files(files).configs(configs)
                .profile(profile != null ? profile : Profile.fromEnvironment(environment, null));
        try {
            b.userFingerprinter();
        } catch (IOException e) {
            // a per-run key still compares values within this run; only matching across runs is lost
            LoggerFactory.getLogger(PolicySupport.class).warn("using a per-run fingerprint key: {}", e.getMessage());
        }
        return b;
    }

    /**
     * The engine with the discovered checks except those whose id is in {@code skipped}.
     */
    static PolicyEngine engine(Path suppressions, Path baseline, Set<String> skipped) {
        PolicyEngine.Builder b = PolicyEngine.builder();
        if (!skipped.isEmpty()) {
            b.discoverChecks(false);
            for (PolicyCheck check : PolicyEngine.builder().build().checks()) {
                if (!skipped.contains(check.id())) {
                    b.addCheck(check);
                }
            }
        }
        if (suppressions != null) {
            requireFile(suppressions, "--suppressions");
            b.suppressions(Suppressions.load(suppressions));
        }
        if (baseline != null) {
            requireFile(baseline, "--baseline");
            try {
                b.baseline(Baseline.load(baseline));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.USAGE, "--baseline " + baseline + ": " + e.getMessage());
            }
        }
        return b.build();
    }

    static Set<String> hosts(List<String> hosts) {
        return Set.copyOf(hosts);
    }

    private static void requireFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new CliException(Main.USAGE, option + " " + p + ": no such file");
        }
    }
}
