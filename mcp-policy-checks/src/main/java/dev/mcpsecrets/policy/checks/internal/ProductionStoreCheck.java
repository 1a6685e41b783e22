package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import dev.mcpsecrets.policy.source.Location;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code MCP-SEC-004}: under the production profile, a server's secret references must resolve through a
 * store (OS keychain, pass, 1Password, Vault, a cloud secret manager) or a credentials directory
 * ({@code $CREDENTIALS_DIRECTORY} of systemd, {@code /run/secrets} of Docker and Kubernetes), not through
 * an environment variable a config or shell sets in plain text ({@code env:}), a {@code .env} file
 * ({@code dotenv:}, VS Code's {@code envFile}) or a plain file elsewhere ({@code file:}). Judged on the
 * server's declared references ({@code SELF}) and on client-config entries ({@code CONFIG}): reference
 * values in {@code env} and the {@code --env NAME=REF} of {@code mcp-secrets run} command lines. Every
 * alternative of a chain counts: in production a fallback is used as soon as the store is unavailable.
 * Literal values are {@link PlaintextSecretCheck}'s. Options: {@value #SCHEMES_OPTION} (comma-separated
 * schemes that count as stores) and {@value #DIRECTORIES_OPTION} (comma-separated directories, where
 * {@code $CREDENTIALS_DIRECTORY} stands for that variable's value).
 */
public final class ProductionStoreCheck extends ServerEntryCheck {
    static final String ID = "MCP-SEC-004";
    static final String SCHEMES_OPTION = "production.storeSchemes";
    static final String DIRECTORIES_OPTION = "production.credentialDirectories";
    static final String DEFAULT_SCHEMES = "keychain,pass,op,vault,aws-sm,gcp-sm,azure-kv";
    static final String DEFAULT_DIRECTORIES = "$CREDENTIALS_DIRECTORY,/run/secrets";
    private static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";
    /** Schemes whose values are plaintext somewhere this check can name. */
    private static final Set<String> PLAINTEXT_SCHEMES = Set.of("env", "dotenv", "file");
    private static final Pattern ALTERNATIVE = Pattern.compile("[a-z][a-z0-9+.-]*:\\S.*");
    private static final int MAX_SHOWN = 120;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Production secrets that do not come from a store or a credentials directory";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.SELF, PolicyScope.CONFIG);
    }

    @Override
    void checkSelf(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
        if (!context.profile().isProduction()) {
            return;
        }
        Rules rules = Rules.of(context, Map.of());
        for (Map.Entry<String, String> e : new TreeMap<>(self.secretReferences()).entrySet()) {
            List<String> problems = rules.problems(e.getValue());
            if (!problems.isEmpty()) {
                String part = "secretReferences/" + e.getKey().replace("~", "~0").replace("/", "~1");
                findings.add(finding("Server '" + self.serverName() + "'", e.getKey(), problems, rules,
                        SelfDeclaration.location(part), "self:" + part));
            }
        }
    }

    @Override
    void check(McpServer server, Optional<ServerShape> shape, PolicyContext context, List<Finding> findings) {
        if (!context.profile().isProduction()) {
            return;
        }
        Map<String, String> entryEnv = new java.util.HashMap<>();
        server.env().forEach((k, v) -> entryEnv.put(k, v.value()));
        Rules rules = Rules.of(context, entryEnv);
        String who = "Server '" + server.label() + "' in the " + server.client().displayName() + " config";
        for (Map.Entry<String, JsonValue.StringValue> e : new TreeMap<>(server.env()).entrySet()) {
            List<String> problems = rules.problems(e.getValue().value());
            if (!problems.isEmpty()) {
                findings.add(finding(who, e.getKey(), problems, rules, e.getValue().location(), "env:" + e.getKey()));
            }
        }
        for (RunAssignment a : runAssignments(server.commandLine())) {
            List<String> problems = rules.problems(a.reference());
            if (!problems.isEmpty()) {
                findings.add(finding(who, a.name(), problems, rules, a.carrier().location(), "run:" + a.name()));
            }
        }
        server.envFile().ifPresent(file -> findings.add(Finding.builder(ID, Severity.MEDIUM)
                .title("Production secrets from a .env file")
                .message(who + " loads its environment from the file " + shown(file.value()) + " (\"envFile\"): "
                        + "plaintext on disk, and in a project one `git add` away from a leak")
                .location(file.location())
                .remediation(remedy(rules, "DB_PASSWORD"))
                .fingerprintHint("envFile")
                .build()));
    }

    private static Finding finding(String who, String name, List<String> problems, Rules rules, Location where,
            String hint) {
        return Finding.builder(ID, Severity.MEDIUM)
                .title("Production secret not from a store")
                .message(who + " resolves " + name + " under the production profile through " + String.join(" and ",
                        problems) + "; production secrets should come from a store (" + rules.describeStores()
                        + ") or a credentials directory (" + String.join(", ", rules.directoryNames()) + ")")
                .location(where)
                .remediation(remedy(rules, name))
                .fingerprintHint(hint)
                .build();
    }

    private static String remedy(Rules rules, String name) {
        String field = Remediation.field(name);
        return "Keep the value in a store and reference it, e.g. " + name + "=vault:secret/<server>/" + field
                + " or keychain:<server>/" + field + ", or hand it over as a systemd credential (LoadCredential=" + field
                + ", then file:" + field + " resolves in $CREDENTIALS_DIRECTORY) or a mounted secret under /run/secrets. "
                + "If one of these schemes is a store where you run, list it in the check option " + SCHEMES_OPTION
                + " (now " + String.join(",", rules.stores()) + ").";
    }

    /** {@code NAME=REF} given to {@code mcp-secrets run} with {@code -e} / {@code --env}. */
    private record RunAssignment(String name, String reference, JsonValue.StringValue carrier) {
    }

    private static List<RunAssignment> runAssignments(List<JsonValue.StringValue> line) {
        List<RunAssignment> out = new ArrayList<>();
        if (line.size() < 2 || !Remediation.program(line.get(0).value()).equals("mcp-secrets")
                || !line.get(1).value().equals("run")) {
            return out;
        }
        for (int i = 2; i < line.size(); i++) {
            String word = line.get(i).value();
            if (word.equals("--")) {
                break;
            }
            JsonValue.StringValue carrier = line.get(i);
            String assignment = null;
            if ((word.equals("-e") || word.equals("--env")) && i + 1 < line.size()) {
                carrier = line.get(++i);
                assignment = carrier.value();
            } else if (word.startsWith("--env=")) {
                assignment = word.substring("--env=".length());
            }
            int eq = assignment == null ? -1 : assignment.indexOf('=');
            if (eq > 0) {
                out.add(new RunAssignment(assignment.substring(0, eq), assignment.substring(eq + 1), carrier));
            }
        }
        return out;
    }

    private static String shown(String text) {
        return text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
    }

    /** The stores and directories in effect, and the judgement of one reference expression. */
    private record Rules(List<String> stores, List<Path> directories, List<String> directoryNames,
            Map<String, String> environment) {
        static Rules of(PolicyContext context, Map<String, String> entryEnv) {
            Map<String, String> env = new java.util.HashMap<>(context.environment());
            env.putAll(entryEnv);
            List<String> stores = new ArrayList<>();
            for (String s : context.option(SCHEMES_OPTION).orElse(DEFAULT_SCHEMES).split(",")) {
                String scheme = s.strip().toLowerCase(Locale.ROOT);
                if (scheme.endsWith(":")) {
                    scheme = scheme.substring(0, scheme.length() - 1);
                }
                if (!scheme.isEmpty()) {
                    stores.add(scheme);
                }
            }
            List<Path> dirs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String d : context.option(DIRECTORIES_OPTION).orElse(DEFAULT_DIRECTORIES).split(",")) {
                String dir = d.strip();
                if (dir.isEmpty()) {
                    continue;
                }
                names.add(dir);
                String expanded = dir.equals("$" + CREDENTIALS_DIRECTORY) || dir.equals("${" + CREDENTIALS_DIRECTORY + "}")
                        ? env.get(CREDENTIALS_DIRECTORY) : dir;
                if (expanded != null && !expanded.isBlank()) {
                    try {
                        Path p = Path.of(expanded).normalize();
                        if (p.isAbsolute()) {
                            dirs.add(p);
                        }
                    } catch (InvalidPathException e) {
                        // a directory that is no path is not one
                    }
                }
            }
            return new Rules(List.copyOf(stores), List.copyOf(dirs), List.copyOf(names), env);
        }

        String describeStores() {
            List<String> shown = new ArrayList<>();
            for (String s : stores) {
                shown.add(s.equals("op") ? "op://" : s + ":");
            }
            return String.join(", ", shown);
        }

        /**
         * What is wrong with an expression: one sentence part per alternative that is not a store or a
         * credentials directory; empty when it is fine or is not a reference expression at all.
         */
        List<String> problems(String expression) {
            String[] parts = expression.strip().split("\\|\\|", -1);
            List<String> alternatives = new ArrayList<>();
            for (String part : parts) {
                String p = part.strip();
                int colon = p.indexOf(':');
                if (colon <= 0 || !ALTERNATIVE.matcher(p).matches()) {
                    return List.of();
                }
                String scheme = p.substring(0, colon).toLowerCase(Locale.ROOT);
                if (!stores.contains(scheme) && !PLAINTEXT_SCHEMES.contains(scheme)
                        && !References.SCHEMES.contains(scheme)) {
                    return List.of(); // a URL or some other value, not a reference expression
                }
                alternatives.add(p);
            }
            Set<String> problems = new LinkedHashSet<>();
            for (String alternative : alternatives) {
                String problem = problem(alternative);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return new ArrayList<>(problems);
        }

        private String problem(String alternative) {
            int colon = alternative.indexOf(':');
            String scheme = alternative.substring(0, colon).toLowerCase(Locale.ROOT);
            String body = alternative.substring(colon + 1);
            if (stores.contains(scheme)) {
                return null;
            }
            String ref = shown(alternative);
            switch (scheme) {
                case "env":
                    return ref + " (an environment variable, which a config or a shell sets in plain text)";
                case "dotenv":
                    return ref + " (a .env file: plaintext on disk, in a project one `git add` away from a leak)";
                case "file":
                    return inCredentialsDirectory(body) ? null : ref + " (a plaintext file outside a credentials "
                            + "directory)";
                default:
                    return ref + " (" + scheme + ": is not listed as a store)";
            }
        }

        private boolean inCredentialsDirectory(String body) {
            try {
                if (body.startsWith("~")) {
                    return false;
                }
                Path path = Path.of(body);
                if (!path.isAbsolute()) {
                    // file:NAME is looked up in $CREDENTIALS_DIRECTORY first, else in the working directory
                    String credentials = environment.get(CREDENTIALS_DIRECTORY);
                    if (credentials == null || credentials.isBlank() || body.contains("..")) {
                        return false;
                    }
                    path = Path.of(credentials).resolve(path);
                }
                Path normal = path.normalize();
                for (Path dir : directories) {
                    if (normal.startsWith(dir) && !normal.equals(dir)) {
                        return true;
                    }
                }
                return false;
            } catch (InvalidPathException e) {
                return false;
            }
        }
    }
}
