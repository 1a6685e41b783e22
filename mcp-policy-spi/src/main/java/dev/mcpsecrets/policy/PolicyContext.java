package dev.mcpsecrets.policy;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.policy.config.ConfigDiscovery;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.ServerCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a {@link PolicyCheck} may look at: the MCP client configs in scope, the server's own
 * declaration (when a server checks itself), the environment the clients and servers see, the
 * profile, a file-system view, whether live probes are allowed (and to which hosts), a
 * {@link Secrets} instance, a {@link KeyedFingerprinter}, the catalog of known server shapes and
 * free-form check options. Immutable; build one with {@link #builder()}.
 *
 * @since 0.1
 */
public final class PolicyContext {
    private final List<McpConfigFile> configs;
    private final SelfDeclaration self;
    private final Map<String, String> environment;
    private final Profile profile;
    private final FileSystemView files;
    private final boolean liveProbesAllowed;
    private final Set<String> allowedHosts;
    private final Set<Path> trustedConfigs;
    private final Secrets secrets;
    private final KeyedFingerprinter fingerprinter;
    private final ServerCatalog serverCatalog;
    private final Map<String, String> options;
    private final Map<Class<?>, Object> settings;
    private final Set<PolicyScope> scopes;

    private PolicyContext(Builder b) {
        this.configs = List.copyOf(b.configs);
        this.self = b.self;
        this.environment = Map.copyOf(b.environment);
        this.profile = b.profile;
        this.files = b.files;
        this.liveProbesAllowed = b.liveProbesAllowed;
        this.allowedHosts = Set.copyOf(b.allowedHosts);
        this.trustedConfigs = Set.copyOf(b.trustedConfigs);
        this.secrets = b.secrets;
        this.fingerprinter = b.fingerprinter;
        this.serverCatalog = b.serverCatalog;
        this.options = Map.copyOf(b.options);
        this.settings = Map.copyOf(b.settings);
        this.scopes = b.scopes;
    }

    /**
     * Starts a context. Defaults: no configs, no self declaration, empty environment, development,
     * the process's file-system view, no live probes, no {@code Secrets}, a fingerprinter with a
     * random in-memory key, the built-in server catalog, no options.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The MCP client configs in scope, in discovery order.
     *
     * @return the configs
     */
    public List<McpConfigFile> configs() {
        return configs;
    }

    /**
     * The server's own declaration, when a server checks itself.
     *
     * @return the declaration, or empty for a machine-wide audit
     */
    public Optional<SelfDeclaration> self() {
        return Optional.ofNullable(self);
    }

    /**
     * The environment the clients and servers see (read variables here, never with
     * {@link System#getenv()}).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The profile being checked.
     *
     * @return the profile
     */
    public Profile profile() {
        return profile;
    }

    /**
     * Where the home, project and per-user directories are.
     *
     * @return the file-system view
     */
    public FileSystemView files() {
        return files;
    }

    /**
     * Whether checks may call live systems (GitHub API, databases).
     *
     * @return {@code false} unless the user opted in
     */
    public boolean liveProbesAllowed() {
        return liveProbesAllowed;
    }

    /**
     * The hosts live probes may contact. An audited config is untrusted input: it never chooses
     * where a user's secret is sent, only this list does.
     *
     * @return host names (lowercase), empty when none
     */
    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    /**
     * Project configs the user trusts to name values for live probes, besides every user-level config.
     *
     * @return absolute, normalised paths; empty when none
     */
    public Set<Path> trustedConfigs() {
        return trustedConfigs;
    }

    /**
     * Whether a live probe may resolve the {@code ${VAR}} placeholders and secret references written
     * at this place. A project config arrives with a repository, so a cloned repository could otherwise
     * choose which of the user's variables or secrets a probe sends: its names are resolved only when
     * the user trusts that file ({@link Builder#trustedConfigs}). User-level configs (the clients' own
     * files in the user's home) and the server's own declaration ({@link Location#NONE}) always may.
     * A place in no config of this context may not.
     *
     * @param where where the value is written
     * @return {@code true} if its placeholders and references may be resolved
     */
    public boolean mayResolveNamedValuesAt(Location where) {
        if (where.file() == null) {
            return true;
        }
        Path file = where.file().toAbsolutePath().normalize();
        for (McpConfigFile config : configs) {
            if (config.path().toAbsolutePath().normalize().equals(file)) {
                return config.scope() == ConfigScope.USER || trustedConfigs.contains(file);
            }
        }
        return false;
    }

    /**
     * Whether a live probe may contact this host: live probes are on, and the host is a loopback
     * literal ({@code localhost}, {@code 127.x.y.z}, {@code ::1}; names are never resolved) or is in
     * {@link #allowedHosts()}.
     *
     * @param host a host name as written in a config
     * @return {@code true} if the probe may connect
     */
    public boolean mayContact(String host) {
        return dev.mcpsecrets.policy.internal.Hosts.mayContact(liveProbesAllowed(), allowedHosts(), host);
    }

    /**
     * The secrets facade, for checks that resolve references (live probes).
     *
     * @return the facade, or empty when none was given
     */
    public Optional<Secrets> secrets() {
        return Optional.ofNullable(secrets);
    }

    /**
     * The keyed fingerprinter for comparing secret values.
     *
     * @return the fingerprinter
     */
    public KeyedFingerprinter fingerprinter() {
        return fingerprinter;
    }

    /**
     * The known server shapes (filesystem roots, token variables, database URLs).
     *
     * @return the catalog
     */
    public ServerCatalog serverCatalog() {
        return serverCatalog;
    }

    /**
     * A check option, e.g. {@code rotation.maxAgeDays}.
     *
     * @param key the option name
     * @return the value, or empty
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * All check options.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Typed settings a check reads, given to the builder as an object of the check's own settings type
     * (e.g. the live probes' {@code LiveProbeSettings}), so settings reach a check as the values the
     * caller built, not through a round trip to strings.
     *
     * @param <T> the settings type
     * @param type the settings class
     * @return the settings given for exactly that class, or empty
     * @since 0.2
     */
    public <T> Optional<T> settings(Class<T> type) {
        return Optional.ofNullable(settings.get(Objects.requireNonNull(type, "type"))).map(type::cast);
    }

    /**
     * The scopes checks may look at: the engine runs a check only when one of its
     * {@link PolicyCheck#scopes()} is here.
     *
     * @return an unmodifiable set; every scope unless narrowed
     * @since 0.2
     */
    public Set<PolicyScope> scopes() {
        return scopes;
    }

    /**
     * Whether a scope is enabled, for checks that look at several things and must leave out the
     * parts that are not wanted (e.g. {@code .env} files on the machine when only configs are judged).
     *
     * @param scope the scope
     * @return {@code true} if checks may look at it
     * @since 0.2
     */
    public boolean inScope(PolicyScope scope) {
        return scopes.contains(Objects.requireNonNull(scope, "scope"));
    }

    /**
     * A builder with this context's values, to derive a changed context.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.configs = configs;
        b.self = self;
        b.environment = environment;
        b.profile = profile;
        b.files = files;
        b.liveProbesAllowed = liveProbesAllowed;
        b.allowedHosts = allowedHosts;
        b.trustedConfigs = trustedConfigs;
        b.secrets = secrets;
        b.fingerprinter = fingerprinter;
        b.serverCatalog = serverCatalog;
        b.options = options;
        b.settings = settings;
        b.scopes = scopes;
        return b;
    }

    @Override
    public String toString() {
        return "PolicyContext[" + configs.size() + " configs, profile " + profile.name() + ", home "
                + files.home() + ", live probes " + liveProbesAllowed + ", scopes " + scopes + "]";
    }

    /**
     * Builds a {@link PolicyContext}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private List<McpConfigFile> configs = List.of();
        private SelfDeclaration self;
        private Map<String, String> environment = Map.of();
        private Profile profile = Profile.DEVELOPMENT;
        private FileSystemView files;
        private boolean liveProbesAllowed;
        private Set<String> allowedHosts = Set.of();
        private Set<Path> trustedConfigs = Set.of();
        private Secrets secrets;
        private KeyedFingerprinter fingerprinter;
        private ServerCatalog serverCatalog;
        private Map<String, String> options = Map.of();
        private Map<Class<?>, Object> settings = Map.of();
        private Set<PolicyScope> scopes = PolicyScope.all();

        private Builder() {
        }

        /**
         * The scopes checks may look at (default: every scope).
         *
         * @param value the scopes
         * @return this builder
         * @since 0.2
         */
        public Builder scopes(Collection<PolicyScope> value) {
            java.util.EnumSet<PolicyScope> copy = java.util.EnumSet.noneOf(PolicyScope.class);
            value.forEach(v -> copy.add(Objects.requireNonNull(v, "scope")));
            this.scopes = java.util.Collections.unmodifiableSet(copy);
            return this;
        }

        /**
         * The configs to check.
         *
         * @param value the configs
         * @return this builder
         */
        public Builder configs(List<McpConfigFile> value) {
            this.configs = List.copyOf(value);
            return this;
        }

        /**
         * Discovers and reads the configs of this user and project through the file-system view
         * (set the view first). See {@link ConfigDiscovery}.
         *
         * @return this builder
         */
        public Builder discoverConfigs() {
            this.configs = ConfigDiscovery.readAll(files());
            return this;
        }

        /**
         * The server's own declaration.
         *
         * @param value the declaration, or {@code null} for none
         * @return this builder
         */
        public Builder self(SelfDeclaration value) {
            this.self = value;
            return this;
        }

        /**
         * The environment.
         *
         * @param value the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> value) {
            this.environment = Map.copyOf(value);
            return this;
        }

        /**
         * The profile.
         *
         * @param value the profile
         * @return this builder
         */
        public Builder profile(Profile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /**
         * The file-system view.
         *
         * @param value the view
         * @return this builder
         */
        public Builder files(FileSystemView value) {
            this.files = Objects.requireNonNull(value, "files");
            return this;
        }

        /**
         * Allows live probes to these hosts.
         *
         * @param allowed whether live probes may run
         * @param hosts the hosts they may contact
         * @return this builder
         */
        public Builder liveProbes(boolean allowed, Set<String> hosts) {
            this.liveProbesAllowed = allowed;
            this.allowedHosts = hosts.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /**
         * Project configs whose {@code ${VAR}} placeholders and secret references live probes may
         * resolve (see {@link PolicyContext#mayResolveNamedValuesAt(Location)}); list only files the user
         * has reviewed, the way {@code mcp-secrets trust} records them.
         *
         * @param files the config files
         * @return this builder
         */
        public Builder trustedConfigs(Collection<Path> files) {
            Set<Path> normalised = new HashSet<>();
            for (Path f : files) {
                normalised.add(f.toAbsolutePath().normalize());
            }
            this.trustedConfigs = Set.copyOf(normalised);
            return this;
        }

        /**
         * The secrets facade.
         *
         * @param value the facade, or {@code null}
         * @return this builder
         */
        public Builder secrets(Secrets value) {
            this.secrets = value;
            return this;
        }

        /**
         * The fingerprinter.
         *
         * @param value the fingerprinter
         * @return this builder
         */
        public Builder fingerprinter(KeyedFingerprinter value) {
            this.fingerprinter = Objects.requireNonNull(value, "fingerprinter");
            return this;
        }

        /**
         * Uses the per-user fingerprint key of the file-system view (created on first use).
         *
         * @return this builder
         * @throws IOException if the key cannot be read or created, or has loose permissions
         */
        public Builder userFingerprinter() throws IOException {
            this.fingerprinter = KeyedFingerprinter.forKeyFile(files().fingerprintKeyFile());
            return this;
        }

        /**
         * The server catalog.
         *
         * @param value the catalog
         * @return this builder
         */
        public Builder serverCatalog(ServerCatalog value) {
            this.serverCatalog = Objects.requireNonNull(value, "serverCatalog");
            return this;
        }

        /**
         * Check options.
         *
         * @param value option name to value
         * @return this builder
         */
        public Builder options(Map<String, String> value) {
            this.options = Map.copyOf(value);
            return this;
        }

        /**
         * Typed settings for the checks that read them with {@link PolicyContext#settings(Class)}; one
         * object per class, a later one of the same class replaces the earlier.
         *
         * @param value the settings, keyed by its class
         * @return this builder
         * @since 0.2
         */
        public Builder settings(Object value) {
            Map<Class<?>, Object> next = new java.util.HashMap<>(settings);
            next.put(Objects.requireNonNull(value, "value").getClass(), value);
            this.settings = Map.copyOf(next);
            return this;
        }

        private FileSystemView files() {
            if (files == null) {
                files = FileSystemView.ofProcess(environment);
            }
            return files;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public PolicyContext build() {
            files();
            if (fingerprinter == null) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                fingerprinter = KeyedFingerprinter.withKey(key);
            }
            if (serverCatalog == null) {
                serverCatalog = ServerCatalog.builtIn();
            }
            return new PolicyContext(this);
        }
    }
}
