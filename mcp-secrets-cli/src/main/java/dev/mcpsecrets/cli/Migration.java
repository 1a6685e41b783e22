package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.api.ResolveAllException;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.api.internal.files.SafeFiles;
import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.KeyedFingerprinter;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.engine.PolicyEngine;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpConfigReader;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ParseProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The steps of one {@code migrate} run: plan, store, read back, back up, write, and undo on failure. */
final class Migration {
    /** A config read once: its bytes, the trust snapshot of those bytes and the plan over them. */
    record Snapshot(TrustStore.Snapshot trustSnapshot, MigrationPlan plan) {
    }

    private final Map<String, String> environment;
    private final FileSystemView files;
    private final MigrationStore store;
    private final String launcher;
    private final Duration timeout;
    private final PrintWriter out;
    private final KeyedFingerprinter fingerprints;
    private final List<MigrationPlan> plans = new ArrayList<>();
    private final Map<MigrationPlan, byte[]> rewritten = new LinkedHashMap<>();

    Migration(Map<String, String> environment, FileSystemView files, MigrationStore store, String launcher,
            Duration timeout, PrintWriter out) {
        this.environment = environment;
        this.files = files;
        this.store = store;
        this.launcher = launcher;
        this.timeout = timeout;
        this.out = out;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // a key for this run only: the fingerprints compare values stored and read back, nothing else
        this.fingerprints = KeyedFingerprinter.withKey(key);
        Arrays.fill(key, (byte) 0);
    }

    /** Reads a config's bytes once and parses exactly those; {@code null} when it did not parse. */
    static Snapshot read(McpConfigFile named) throws IOException {
        TrustStore.Snapshot s = TrustStore.snapshot(named.path());
        McpConfigFile config = McpConfigReader.parse(s.content(), named.path(), named.scope());
        if (config.document().root().isEmpty()) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(s.content())).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(Main.USAGE, escape(named.path() + ": not UTF-8; nothing migrated"));
        }
        return new Snapshot(s, new MigrationPlan(config, s.content(), text));
    }

    /** Finds the secrets with the audit's own checks, names their store items and prepares the new texts. */
    void plan(List<MigrationPlan> all) {
        plans.addAll(all);
        List<McpConfigFile> configs = all.stream().map(p -> p.config).toList();
        PolicyContext context = PolicySupport.context(environment, null, files, configs)
                .scopes(Set.of(PolicyScope.CONFIG)).build();
        PolicyEngine.Builder engine = PolicyEngine.builder().discoverChecks(false);
        for (PolicyCheck check : PolicyEngine.builder().build().checks()) {
            if (check.ruleIds().stream().anyMatch(MigrationPlan.SECRET_RULES::contains)) {
                engine.addCheck(check);
            }
        }
        List<Finding> findings = engine.build().run(context).findings();
        Map<String, String> taken = new HashMap<>();
        for (MigrationPlan plan : plans) {
            plan.classify(findings.stream().filter(f -> plan.config.path().equals(f.location().file())).toList());
            for (List<MigrationPlan.Move> moves : plan.moves.values()) {
                for (MigrationPlan.Move m : moves) {
                    name(m, taken);
                }
            }
            if (!plan.isEmpty()) {
                rewritten.put(plan, newText(plan));
            }
        }
    }

    /** The server's own name; with -2, -3... when another value already has it in this run. */
    private void name(MigrationPlan.Move m, Map<String, String> taken) {
        String fingerprint = fingerprints.fingerprint(m.secret);
        for (int n = 1; ; n++) {
            String server = n == 1 ? m.server.name() : m.server.name() + "-" + n;
            String reference = store.reference(server, m.variable);
            String other = taken.putIfAbsent(reference, fingerprint);
            if (other == null || other.equals(fingerprint)) {
                m.storeServer = server;
                m.reference = reference;
                m.stores = other == null;
                return;
            }
        }
    }

    /** The edited text, checked by reading it back with the config reader. */
    private byte[] newText(MigrationPlan plan) {
        List<JsonTextEdits.Edit> edits = plan.edits(launcher);
        if (!JsonTextEdits.disjoint(edits)) {
            throw new CliException(Main.USAGE, escape(plan.config.path() + ": an entry's layout is not supported for "
                    + "rewriting; nothing migrated"));
        }
        String edited = plan.text.apply(edits);
        byte[] bytes = edited.getBytes(StandardCharsets.UTF_8);
        McpConfigFile after = McpConfigReader.parse(bytes, plan.config.path(), plan.config.scope());
        boolean ok = after.document().problems().stream().noneMatch(p -> p.kind() == ParseProblem.Kind.SYNTAX_ERROR)
                && after.servers().size() == plan.config.servers().size();
        for (int i = 0; ok && i < after.servers().size(); i++) {
            McpServer before = plan.config.servers().get(i);
            McpServer now = after.servers().get(i);
            List<MigrationPlan.Move> moves = plan.moves.get(before);
            ok = now.name().equals(before.name()) && (moves == null ? values(now.commandLine()).equals(
                    values(before.commandLine())) : rewrittenAsPlanned(plan, before, now));
        }
        if (!ok) {
            throw new CliException(Main.FAILED, escape(plan.config.path() + ": the rewritten text does not read back "
                    + "as planned, so it is not written; nothing migrated"));
        }
        return bytes;
    }

    private boolean rewrittenAsPlanned(MigrationPlan plan, McpServer before, McpServer now) {
        Map<String, String> env = new LinkedHashMap<>();
        before.env().forEach((k, v) -> env.put(k, v.value()));
        plan.removedEnv(before).forEach(env::remove);
        Map<String, String> envNow = new LinkedHashMap<>();
        now.env().forEach((k, v) -> envNow.put(k, v.value()));
        return now.transport() == McpServer.Transport.STDIO && now.url().isEmpty() && now.headers().isEmpty()
                && values(now.commandLine()).equals(plan.expectedCommandLine(before, launcher)) && envNow.equals(env);
    }

    private static List<String> values(List<JsonValue.StringValue> strings) {
        return strings.stream().map(JsonValue.StringValue::value).toList();
    }

    boolean nothingToDo() {
        return rewritten.isEmpty();
    }

    /** Prints the plan and the masked diff; changes nothing. */
    int dryRun() {
        report();
        for (Map.Entry<MigrationPlan, byte[]> e : rewritten.entrySet()) {
            MigrationPlan plan = e.getKey();
            for (String line : plan.text.diff(plan.config.path().toString(), plan.edits(launcher), plan.masks)
                    .split("\n")) {
                out.println(escape(line));
            }
        }
        out.println(rewritten.isEmpty() ? "nothing to migrate" : "dry run: nothing was stored or written");
        out.flush();
        return Main.OK;
    }

    private void report() {
        for (MigrationPlan plan : plans) {
            for (Map.Entry<McpServer, List<MigrationPlan.Move>> e : plan.moves.entrySet()) {
                out.println(escape("'" + e.getKey().label() + "' in " + plan.config.path() + ":"));
                String how = plan.bridges.containsKey(e.getKey()) ? " (started as mcp-secrets bridge; header value)"
                        : plan.argumentMoves.containsKey(e.getKey()) ? " (from the command line)" : "";
                for (MigrationPlan.Move m : e.getValue()) {
                    out.println(escape("  " + m.variable + " -> " + m.reference + (m.stores ? "" : " (same value as above)")
                            + (m.fromEnv() ? "" : how)));
                }
            }
            for (MigrationPlan.Left l : plan.left) {
                out.println(escape("left alone: '" + l.server() + "' in " + l.file() + ": " + l.reason()));
            }
        }
    }

    private List<MigrationPlan.Move> allMoves() {
        List<MigrationPlan.Move> all = new ArrayList<>();
        for (MigrationPlan plan : rewritten.keySet()) {
            plan.moves.values().forEach(all::addAll);
        }
        return all;
    }

    /** Stores, reads back, backs up and writes; undoes everything when a step fails. */
    int run(TrustStore trust, List<Path> trustedBefore) {
        report();
        List<MigrationPlan.Move> moves = allMoves();
        for (MigrationPlan.Move m : moves) {
            if (m.stores && exists(m)) {
                throw new CliException(Main.FAILED, escape(m.reference + " exists already and is never overwritten; "
                        + "nothing was stored or changed. Remove or rename that item, then run migrate again"));
            }
        }
        List<MigrationPlan.Move> stored = new ArrayList<>();
        Map<Path, byte[]> written = new LinkedHashMap<>();
        try {
            for (MigrationPlan.Move m : moves) {
                if (m.stores) {
                    Secret value = Secret.of(m.secret);
                    try {
                        store.put(m.storeServer, m.variable, value);
                        // only what this run stored is removed on failure: an item that appeared meanwhile is not ours
                        stored.add(m);
                    } finally {
                        value.destroy();
                    }
                }
            }
            readBack(moves);
            List<Path> backups = backups();
            for (Map.Entry<MigrationPlan, byte[]> e : rewritten.entrySet()) {
                write(e.getKey(), e.getValue(), written);
            }
            for (MigrationPlan plan : rewritten.keySet()) {
                if (trustedBefore.contains(plan.config.path())) {
                    trust.trust(plan.config.path());
                }
            }
            summary(moves, backups);
            return Main.OK;
        } catch (SecretException | IOException | RuntimeException e) {
            String why = e instanceof SecretException se ? MigrateCommand.describe(se)
                    : e instanceof CliException ce ? ce.getMessage() : e.getClass().getSimpleName();
            undo(stored, written);
            throw new CliException(Main.FAILED, escape("migration failed (" + why + "); what was stored was removed "
                    + "and every config is as it was"));
        }
    }

    private boolean exists(MigrationPlan.Move m) {
        try {
            return store.exists(m.storeServer, m.variable);
        } catch (SecretException e) {
            throw new CliException(Main.FAILED, escape("cannot check " + m.reference + ": " + MigrateCommand.describe(e)
                    + "; nothing was stored or changed"));
        } catch (IOException e) {
            throw new CliException(Main.FAILED, escape("cannot check " + m.reference + ": " + e.getClass().getSimpleName()
                    + "; nothing was stored or changed"));
        }
    }

    /** Every new reference must give back the value it replaces (keyed fingerprints compared, nothing printed). */
    private void readBack(List<MigrationPlan.Move> moves) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            refs.put("V" + i, moves.get(i).reference);
        }
        try (Secrets secrets = SecretsFactory.create(environment, null, timeout)) {
            Map<String, Secret> values = secrets.resolveAll(refs);
            try {
                for (int i = 0; i < moves.size(); i++) {
                    String expected = fingerprints.fingerprint(moves.get(i).secret);
                    if (!expected.equals(fingerprints.fingerprint(values.get("V" + i)))) {
                        throw new CliException(Main.FAILED, escape(moves.get(i).reference
                                + " does not give back the value it replaces"));
                    }
                }
            } finally {
                values.values().forEach(Secret::destroy);
            }
        } catch (ResolveAllException e) {
            throw new CliException(Main.FAILED, escape("a stored value cannot be read back: " + e.getMessage()));
        }
    }

    /** Copies of the originals, outside any project: they hold the plaintext values. */
    private List<Path> backups() throws IOException {
        Path dir = stateHome().resolve("mcp-secrets").resolve("backups");
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        List<Path> made = new ArrayList<>();
        int n = 1;
        for (MigrationPlan plan : rewritten.keySet()) {
            Path backup = dir.resolve(stamp + "-" + n++ + "-" + plan.config.path().getFileName());
            while (java.nio.file.Files.exists(backup)) {
                backup = dir.resolve(stamp + "-" + n++ + "-" + plan.config.path().getFileName());
            }
            SafeFiles.write(SafeFiles.target(backup), plan.original, SafeFiles.SharedDirectory.REFUSE);
            made.add(backup);
        }
        return made;
    }

    private Path stateHome() {
        String xdg = environment.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return files.home().resolve(".local").resolve("state");
    }

    /** Replaces a config only if it still holds what was planned over (another editor may have changed it). */
    private static void write(MigrationPlan plan, byte[] content, Map<Path, byte[]> written) throws IOException {
        Path target = SafeFiles.target(plan.config.path());
        SafeFiles.locked(target, () -> {
            byte[] now = SafeFiles.read(target, FileLimits.MAX_CONFIG_BYTES).orElse(null);
            if (!Arrays.equals(now, plan.original)) {
                throw new CliException(Main.FAILED, escape(plan.config.path() + " changed while migrating"));
            }
            SafeFiles.write(target, content, SafeFiles.SharedDirectory.REFUSE);
            written.put(target, plan.original);
            return null;
        });
    }

    private void undo(List<MigrationPlan.Move> stored, Map<Path, byte[]> written) {
        for (Map.Entry<Path, byte[]> e : written.entrySet()) {
            try {
                SafeFiles.locked(e.getKey(), () -> {
                    SafeFiles.write(e.getKey(), e.getValue(), SafeFiles.SharedDirectory.WARN);
                    return null;
                });
            } catch (IOException ex) {
                out.println(escape("could not restore " + e.getKey() + " (" + ex.getClass().getSimpleName()
                        + "); its backup is in " + stateHome().resolve("mcp-secrets/backups")));
            }
        }
        for (MigrationPlan.Move m : stored) {
            try {
                store.remove(m.storeServer, m.variable);
            } catch (SecretException | IOException | RuntimeException ex) {
                out.println(escape("could not remove " + m.reference + " again; remove it by hand"));
            }
        }
    }

    private void summary(List<MigrationPlan.Move> moves, List<Path> backups) {
        out.println("migrated " + moves.size() + (moves.size() == 1 ? " value" : " values") + " into " + store.name()
                + "; every reference was read back and matches");
        out.println("backups of the original configs (they hold the plaintext values; delete them once the migrated "
                + "servers work):");
        backups.forEach(b -> out.println(escape("  " + b)));
        out.println("rotate these credentials: they sat in plain text and must be treated as leaked");
        out.println("  server | variable | kind");
        for (MigrationPlan.Move m : moves) {
            out.println(escape("  " + m.server.label() + " | " + m.variable + " | " + m.kind));
        }
        out.flush();
    }

    @Override
    public String toString() {
        return "Migration[" + Objects.toString(store.name()) + ", " + plans.size() + " configs]";
    }
}
