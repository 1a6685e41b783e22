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
import dev.mcpsecrets.policy.config.JsonReader;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * Configs as a command read them, with the snapshot each project config was parsed from: trust is
     * judged on those very bytes, so a file swapped after it was parsed cannot borrow the trust of what
     * was there before (or the other way round).
     */
    static final class ReadConfigs {
        private final List<McpConfigFile> configs = new ArrayList<>();
        private final Map<McpConfigFile, TrustStore.Snapshot> parsedFrom = new IdentityHashMap<>();

        List<McpConfigFile> configs() {
            return Collections.unmodifiableList(configs);
        }

        void add(McpConfigFile config, TrustStore.Snapshot snapshot) {
            configs.add(config);
            if (snapshot != null) {
                parsedFrom.put(config, snapshot);
            }
        }

        /** The bytes {@code config} was parsed from, when it is a project config read in one piece. */
        Optional<TrustStore.Snapshot> parsedFrom(McpConfigFile config) {
            return Optional.ofNullable(parsedFrom.get(config));
        }
    }

    /**
     * The named configs, or when none are named, those of this user and the current project. A named
     * file counts as a user-level config only when it is one of this user's clients' own files; any
     * other named file is read as a project config, which live probes treat as untrusted until the
     * user trusts it.
     */
    static List<McpConfigFile> configs(List<Path> paths, FileSystemView files) {
        return read(paths, files).configs();
    }

    /** As {@link #configs}, keeping the bytes each project config was parsed from. */
    static ReadConfigs read(List<Path> paths, FileSystemView files) {
        ReadConfigs read = new ReadConfigs();
        if (paths.isEmpty()) {
            for (ConfigDiscovery.Candidate c : ConfigDiscovery.discover(files)) {
                read(read, c.path(), c.client(), c.scope());
            }
            return read;
        }
        Set<Path> userLevel = new HashSet<>();
        for (ConfigDiscovery.Candidate c : ConfigDiscovery.candidates(files)) {
            if (c.scope() == ConfigScope.USER) {
                userLevel.add(WorkingDirectory.absolute(c.path()));
            }
        }
        for (Path named : paths) {
            Path p = WorkingDirectory.absolute(named);
            if (Files.isDirectory(p)) {
                for (Path file : jsonFilesBelow(p)) {
                    Path normal = file.normalize();
                    read(read, normal, null, userLevel.contains(normal) ? ConfigScope.USER : ConfigScope.PROJECT);
                }
            } else if (Files.exists(p)) {
                // the reader refuses what is not a regular file (a pipe, a device) without opening it, and says so
                read(read, p, null, userLevel.contains(p) ? ConfigScope.USER : ConfigScope.PROJECT);
            } else {
                throw new CliException(Main.USAGE, named + ": no such file");
            }
        }
        return read;
    }

    /**
     * Reads one config; {@code client} null means guessed from the name and content. A project config is
     * read once, within the config limits, and parsed from those bytes; when that read fails the reader
     * reads it again to say why, and the file is then never trusted.
     */
    private static void read(ReadConfigs read, Path file, McpClient client, ConfigScope scope) {
        if (scope == ConfigScope.PROJECT) {
            TrustStore.Snapshot snapshot;
            try {
                snapshot = TrustStore.snapshot(file);
            } catch (IOException | SecurityException e) {
                snapshot = null;
            }
            if (snapshot != null) {
                McpConfigFile config = client == null ? McpConfigReader.parse(snapshot.content(), file, scope)
                        : McpConfigReader.fromDocument(JsonReader.parse(snapshot.content(), file, client.dialect()),
                                client, scope);
                read.add(config, snapshot);
                return;
            }
        }
        read.add(client == null ? McpConfigReader.read(file, scope) : McpConfigReader.read(file, client, scope), null);
    }

    /**
     * The project configs among these that the user trusted with {@code mcp-secrets trust} and that have
     * not changed since: live probes may resolve the variables and secrets they name. What is judged is
     * the content each config was parsed from, never a second read of the file.
     */
    static List<Path> trustedConfigs(ReadConfigs read, Map<String, String> environment) throws IOException {
        TrustStore store = new TrustStore(UserConfigDir.from(environment));
        Set<Path> trusted = new LinkedHashSet<>();
        Set<Path> untrusted = new HashSet<>();
        for (McpConfigFile config : read.configs()) {
            if (config.scope() != ConfigScope.PROJECT) {
                continue;
            }
            Optional<TrustStore.Snapshot> parsed = read.parsedFrom(config);
            if (config.document().root().isPresent() && parsed.isPresent()
                    && store.check(parsed.get()) == TrustStore.Verdict.TRUSTED) {
                trusted.add(config.path());
            } else {
                untrusted.add(config.path()); // the same file named twice is trusted only if every reading was
            }
        }
        trusted.removeAll(untrusted);
        return List.copyOf(trusted);
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
        return engine(suppressions, baseline, skipped, PolicyEngine.DEFAULT_CHECK_TIMEOUT);
    }

    /** As {@link #engine(Path, Path, Set)}, with each check's deadline. */
    static PolicyEngine engine(Path suppressions, Path baseline, Set<String> skipped, java.time.Duration checkTimeout) {
        PolicyEngine.Builder b = PolicyEngine.builder().checkTimeout(checkTimeout);
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
