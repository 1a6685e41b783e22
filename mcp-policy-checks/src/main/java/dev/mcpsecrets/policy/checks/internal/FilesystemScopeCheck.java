package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.SelfDeclaration;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.ConfigScope;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpClient;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import dev.mcpsecrets.policy.config.ServerShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What filesystem servers (and Docker bind mounts) are given, in client configs and in the roots a
 * server declares about itself.
 *
 * <ul>
 *   <li>{@code MCP-FS-001}: the root {@code /}, a drive root or a system directory. Relative roots are resolved
 *       where the client starts the server: the project folder for project configs, {@code /} for Claude
 *       Desktop (so {@code "."} there is the whole disk).</li>
 *   <li>{@code MCP-FS-002}: the home directory itself (or all homes).</li>
 *   <li>{@code MCP-FS-003}: a credential directory ({@code ~/.ssh}, {@code ~/.aws}, {@code ~/.gnupg},
 *       {@code ~/.config}, {@code ~/.claude} …) or something inside one.</li>
 *   <li>{@code MCP-FS-004}: a root that is a symlink leading out of the directory it appears in.</li>
 *   <li>{@code MCP-FS-005}: one server spanning several unrelated projects.</li>
 *   <li>{@code MCP-FS-006}: a server that declares itself read-only but declares write roots, or is
 *       configured with write access.</li>
 * </ul>
 */
public final class FilesystemScopeCheck implements PolicyCheck {
    static final String SYSTEM = "MCP-FS-001";
    static final String HOME = "MCP-FS-002";
    static final String CREDENTIALS = "MCP-FS-003";
    static final String SYMLINK = "MCP-FS-004";
    static final String SPAN = "MCP-FS-005";
    static final String WRITE = "MCP-FS-006";
    private static final ServerShape MOUNTS_ONLY = new ServerShape("mounts", "container", "other", List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of(), false, List.of(), false, List.of(), List.of());

    @Override
    public String id() {
        return SYSTEM;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(SYSTEM, HOME, CREDENTIALS, SYMLINK, SPAN, WRITE);
    }

    @Override
    public String description() {
        return "Filesystem roots that reach the system, the whole home, credentials or several projects";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.SELF, PolicyScope.CONFIG);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.inScope(PolicyScope.SELF)) {
            context.self().ifPresent(self -> declared(self, context, findings));
        }
        if (context.inScope(PolicyScope.CONFIG)) {
            configured(context, findings);
        }
        return findings.stream();
    }

    /** The roots the server declares: judged as they are, with no config entry needed. */
    private static void declared(SelfDeclaration self, PolicyContext context, List<Finding> findings) {
        FileSystemView view = context.files();
        for (String kind : List.of("readRoots", "writeRoots")) {
            List<Path> roots = kind.equals("readRoots") ? self.readRoots() : self.writeRoots();
            for (int i = 0; i < roots.size(); i++) {
                String text = roots.get(i).toString();
                Location at = SelfDeclaration.location(kind + "/" + i);
                Optional<RootPaths.Kind> windows = RootPaths.windowsKind(text);
                if (windows.isPresent()) {
                    declaredKind(windows.get(), self, at, text, findings);
                    continue;
                }
                Optional<Path> path = RootPaths.resolve(text, view, context.environment());
                if (path.isEmpty()) {
                    continue;
                }
                RootPaths.Kind k = RootPaths.classify(path.get(), view);
                declaredKind(k, self, at, view.display(path.get()), findings);
                if (k == RootPaths.Kind.OTHER) {
                    RootPaths.symlinkTarget(path.get()).ifPresent(target -> declaredKind(
                            RootPaths.classify(target, view), self, at, view.display(target), findings));
                }
            }
        }
        if (self.readOnly() && !self.writeRoots().isEmpty()) {
            findings.add(Finding.builder(WRITE, Severity.HIGH)
                    .title("Read-only server declares write roots")
                    .message("Server '" + self.serverName() + "' declares itself read-only, but also declares "
                            + self.writeRoots().size() + " write root(s)")
                    .location(SelfDeclaration.location("writeRoots"))
                    .remediation("Drop the write roots from the declaration, or stop declaring the server read-only.")
                    .build());
        }
    }

    private static void declaredKind(RootPaths.Kind kind, SelfDeclaration self, Location at, String shown,
            List<Finding> findings) {
        String what;
        String title;
        String rule;
        Severity severity;
        switch (kind) {
            case SYSTEM:
                rule = SYSTEM;
                severity = Severity.CRITICAL;
                title = "Declared filesystem root reaches system directories";
                what = "system files (and, from /, every user's files) can be read and changed";
                break;
            case HOME:
                rule = HOME;
                severity = Severity.HIGH;
                title = "Declared filesystem root is the whole home directory";
                what = "the whole home directory, including ~/.ssh, ~/.aws and browser profiles";
                break;
            case DRIVE:
                rule = SYSTEM;
                severity = Severity.HIGH;
                title = "Declared filesystem root is a whole drive";
                what = "every file on that drive";
                break;
            case CREDENTIALS:
                rule = CREDENTIALS;
                severity = Severity.CRITICAL;
                title = "Declared filesystem root is a credential directory";
                what = "it holds keys and tokens";
                break;
            default:
                return;
        }
        findings.add(Finding.builder(rule, severity)
                .title(title)
                .message("Server '" + self.serverName() + "' declares the root " + shown + ": " + what)
                .location(at)
                .remediation("Serve only the project the server works on, e.g. ~/projects/my-app instead of " + shown
                        + "; run a second, read-only instance for directories it should only read.")
                .fingerprintHint("self:" + shown)
                .build());
    }

    private static void configured(PolicyContext context, List<Finding> findings) {
        FileSystemView view = context.files();
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                ServerShape shape = context.serverCatalog().identify(server).orElse(MOUNTS_ONLY);
                List<ServerShape.Root> roots = hostRoots(shape.filesystemRoots(server));
                List<Path> resolved = new ArrayList<>();
                Path start = RootPaths.startDirectory(config,
                        server.definition().getString("cwd").map(JsonValue.StringValue::value).orElse(null));
                for (ServerShape.Root root : roots) {
                    Optional<RootPaths.Kind> windows = RootPaths.windowsKind(root.path());
                    if (windows.isPresent()) {
                        report(windows.get(), server, root, root.path(), view, findings);
                        continue;
                    }
                    Optional<Path> path = RootPaths.resolve(root.path(), view, context.environment(), start);
                    if (path.isPresent()) {
                        resolved.add(path.get());
                        classify(server, root, path.get(), view, findings, relativeNote(config, root, start, view));
                    }
                }
                if (shape.filesystemRootsInArgs()) {
                    RootPaths.unrelatedProjects(resolved, view).ifPresent(n -> findings.add(span(server, roots, n)));
                }
                context.self().filter(s -> s.isStartedBy(server))
                        .ifPresent(self -> writeAccess(self, server, shape, roots, findings));
            }
        }
    }

    /** With bind mounts, the positional roots are paths inside the container: only the host sides count. */
    private static List<ServerShape.Root> hostRoots(List<ServerShape.Root> roots) {
        List<ServerShape.Root> mounts = roots.stream().filter(r -> !r.source().value().equals(r.path())).toList();
        return mounts.isEmpty() ? roots : mounts;
    }

    /** For a relative root: which directory it is relative to, and why, as shown in a finding. */
    private static String relativeNote(McpConfigFile config, ServerShape.Root root, Path start, FileSystemView view) {
        String t = root.path().strip();
        if (start == null || t.startsWith("~") || t.startsWith("$") || Path.of(t).isAbsolute()) {
            return "";
        }
        if (config.scope() == ConfigScope.PROJECT) {
            return " (relative to the project folder " + view.display(start) + ")";
        }
        return start.getParent() == null && config.client() == McpClient.CLAUDE_DESKTOP
                ? " (Claude Desktop starts servers in " + start + ", so \"" + t + "\" is resolved from there)"
                : " (relative to the server's cwd " + view.display(start) + ")";
    }

    private static void classify(McpServer server, ServerShape.Root root, Path path, FileSystemView view,
            List<Finding> findings, String note) {
        RootPaths.Kind kind = RootPaths.classify(path, view);
        report(kind, server, root, view.display(path) + note, view, findings);
        RootPaths.symlinkTarget(path).ifPresent(target -> {
            findings.add(root(SYMLINK, Severity.MEDIUM, "Filesystem root is a symlink leading elsewhere", server, root,
                    "gets " + view.display(path) + ", a symlink to " + view.display(target) + " outside "
                            + view.display(path.getParent()) + "; the server really works on the target", view));
            if (kind == RootPaths.Kind.OTHER) {
                report(RootPaths.classify(target, view), server, root, view.display(target), view, findings);
            }
        });
    }

    private static void report(RootPaths.Kind kind, McpServer server, ServerShape.Root root, String shown,
            FileSystemView view, List<Finding> findings) {
        switch (kind) {
            case SYSTEM:
                findings.add(root(SYSTEM, Severity.CRITICAL, "Filesystem access to system directories", server, root,
                        "gets " + shown + ": system files (and, from /, every user's files) can be read and changed",
                        view));
                break;
            case HOME:
                findings.add(root(HOME, Severity.HIGH, "Filesystem access to the whole home directory", server, root,
                        "gets " + shown + ", the whole home directory, including ~/.ssh, ~/.aws and browser profiles",
                        view));
                break;
            case DRIVE:
                findings.add(root(SYSTEM, Severity.HIGH, "Filesystem access to a whole drive", server, root,
                        "gets " + shown + ", every file on that drive", view));
                break;
            case CREDENTIALS:
                findings.add(root(CREDENTIALS, Severity.CRITICAL, "Filesystem access to a credential directory", server,
                        root, "gets " + shown + ", which holds keys and tokens", view));
                break;
            default:
                break;
        }
    }

    private static Finding root(String rule, Severity severity, String title, McpServer server, ServerShape.Root root,
            String what, FileSystemView view) {
        return Finding.builder(rule, severity)
                .title(title)
                .message("Server '" + server.label() + "' " + what)
                .location(root.source().location())
                .remediation("Give the server only the project it works on, one server per project, e.g. \""
                        + view.display(view.home().resolve("projects").resolve("my-app")) + "\" instead of \""
                        + root.path() + "\"; run a second, read-only instance (Docker mount with :ro) for directories "
                        + "it should only read.")
                .fingerprintHint(root.path())
                .build();
    }

    private static Finding span(McpServer server, List<ServerShape.Root> roots, int projects) {
        return Finding.builder(SPAN, Severity.LOW)
                .title("One filesystem server spans several projects")
                .message("Server '" + server.label() + "' is given " + projects + " unrelated project directories; a "
                        + "prompt injected through one project can read and change the others")
                .location(roots.get(0).source().location())
                .remediation("Split it into one server per project (e.g. \"filesystem-projects\", \"filesystem-docs\"), "
                        + "each with its own root.")
                .build();
    }

    private static void writeAccess(SelfDeclaration self, McpServer server, ServerShape shape,
            List<ServerShape.Root> roots, List<Finding> findings) {
        if (!self.readOnly()) {
            return;
        }
        List<String> why = new ArrayList<>();
        boolean hasReadOnlySwitch = !shape.readOnlyFlags().isEmpty() || !shape.readOnlyEnv().isEmpty();
        if (hasReadOnlySwitch && !shape.isReadOnly(server)) {
            why.add("its config does not set " + String.join(" or ", concat(shape.readOnlyFlags(), shape.readOnlyEnv())));
        }
        for (ServerShape.Root root : roots) {
            String spec = root.source().value();
            if (!spec.equals(root.path())) {
                if (!RootPaths.readOnlyMount(spec)) {
                    why.add("the bind mount of " + root.path() + " is writable (no :ro)");
                }
            } else if (shape.filesystemRootsInArgs() && !hasReadOnlySwitch) {
                why.add("the filesystem server has no read-only mode and is given " + root.path());
            }
        }
        if (why.isEmpty()) {
            return;
        }
        findings.add(Finding.builder(WRITE, Severity.HIGH)
                .title("Read-only server configured with write access")
                .message("Server '" + server.label() + "' declares itself read-only, but " + String.join("; ", why))
                .location(server.location())
                .remediation("Make the configuration match the declaration: "
                        + (hasReadOnlySwitch ? "add " + concat(shape.readOnlyFlags(), shape.readOnlyEnv()).get(0)
                                : "mount the directories read-only, e.g. -v /path:/projects/app:ro")
                        + ", and drop the write roots from the declaration.")
                .build());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
