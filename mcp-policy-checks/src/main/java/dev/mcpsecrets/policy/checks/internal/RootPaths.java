package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Classifies filesystem roots given to servers: system, home, credential store, or an ordinary directory. */
final class RootPaths {
    /** What a root reaches. */
    enum Kind {
        /** {@code /}, a drive root or a system directory. */
        SYSTEM,
        /** The home directory itself (the auditor's, or any user's by its shape), or the directory of all homes. */
        HOME,
        /** The root of a Windows data drive ({@code D:\\}): every file on it, but no system files. */
        DRIVE,
        /** A directory holding credentials. */
        CREDENTIALS,
        /** Anything else. */
        OTHER
    }

    private static final List<String> SYSTEM_DIRS = List.of("/etc", "/usr", "/var", "/bin", "/sbin", "/lib", "/lib64",
            "/boot", "/opt", "/System", "/Library", "/private", "/proc", "/sys", "/dev", "/root", "/srv",
            "/Applications");
    private static final List<String> CREDENTIAL_DIRS = List.of(".ssh", ".aws", ".gnupg", ".config", ".claude", ".kube",
            ".docker", ".azure", ".password-store", ".local/share/keyrings", "Library/Keychains", ".netrc", ".npmrc",
            ".pypirc", ".git-credentials", ".claude.json", ".mcp-secrets");
    private static final Pattern WINDOWS = Pattern.compile("(?i)^[a-z]:(?:[\\\\/].*)?$");
    private static final Pattern WINDOWS_SYSTEM = Pattern.compile(
            "(?i)^(?:c:[\\\\/]*|[a-z]:[\\\\/]*(?:windows|program files(?: \\(x86\\))?|programdata)(?:[\\\\/].*)?)$");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("(?i)^[a-z]:[\\\\/]*$");
    private static final Pattern WINDOWS_HOME = Pattern.compile("(?i)^[a-z]:[\\\\/]users(?:[\\\\/][^\\\\/]+)?[\\\\/]?$");
    private static final Pattern WINDOWS_CREDENTIALS = Pattern.compile(
            "(?i)^[a-z]:[\\\\/]users[\\\\/][^\\\\/]+[\\\\/](?:\\.ssh|\\.aws|\\.gnupg|\\.config|\\.claude|appdata)(?:[\\\\/].*)?$");
    private static final List<String> PROJECT_MARKERS = List.of(".git", "package.json", "pom.xml", "build.gradle",
            "pyproject.toml", "go.mod", "Cargo.toml");

    private RootPaths() {
    }

    /**
     * The kind of a Windows path, judged by its text (it cannot be resolved on other systems).
     *
     * @param text the path as written
     * @return the kind, or empty if the text is no Windows absolute path
     */
    static Optional<Kind> windowsKind(String text) {
        if (!WINDOWS.matcher(text).matches()) {
            return Optional.empty();
        }
        if (WINDOWS_SYSTEM.matcher(text).matches()) {
            return Optional.of(Kind.SYSTEM);
        }
        if (WINDOWS_DRIVE.matcher(text).matches()) {
            return Optional.of(Kind.DRIVE);
        }
        if (WINDOWS_HOME.matcher(text).matches()) {
            return Optional.of(Kind.HOME);
        }
        return Optional.of(WINDOWS_CREDENTIALS.matcher(text).matches() ? Kind.CREDENTIALS : Kind.OTHER);
    }

    /**
     * Resolves a root as the server will: {@code ~}, {@code $HOME} and {@code ${HOME}} against the home,
     * relative paths against the working directory.
     *
     * @param text the path as written
     * @param view the file-system view
     * @param environment the environment
     * @return the absolute path, or empty if the text is no path
     */
    static Optional<Path> resolve(String text, FileSystemView view, Map<String, String> environment) {
        return resolve(text, view, environment, null);
    }

    /**
     * Resolves a root as the server will, relative paths against the directory the client starts it in.
     *
     * @param text the path as written
     * @param view the file-system view
     * @param environment the environment
     * @param start the server's working directory, or {@code null} for the view's working directory
     * @return the absolute path, or empty if the text is no path
     */
    static Optional<Path> resolve(String text, FileSystemView view, Map<String, String> environment, Path start) {
        String t = text.strip();
        for (String home : new String[] {"${HOME}", "$HOME"}) {
            if (t.equals(home) || t.startsWith(home + "/")) {
                t = "~" + t.substring(home.length());
            }
        }
        if (t.isEmpty() || t.contains("${") || t.startsWith("$")) {
            return Optional.empty();
        }
        try {
            if (start != null && !t.startsWith("~") && !Path.of(t).isAbsolute()) {
                return Optional.of(start.resolve(t).normalize());
            }
            return Optional.of(view.resolveUserPath(t));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * What a root reaches.
     *
     * @param path an absolute, normalised path
     * @param view the file-system view
     * @return the kind
     */
    static Kind classify(Path path, FileSystemView view) {
        Path home = view.home();
        if (path.equals(home)) {
            return Kind.HOME;
        }
        if (path.startsWith(view.configHome())) {
            return Kind.CREDENTIALS;
        }
        Path someHome = path.startsWith(home) ? home : homeByShape(path);
        if (path.equals(someHome)) {
            return Kind.HOME;
        }
        if (someHome != null) {
            for (String dir : CREDENTIAL_DIRS) {
                if (path.startsWith(someHome.resolve(dir))) {
                    return Kind.CREDENTIALS;
                }
            }
            return Kind.OTHER;
        }
        if (path.getParent() == null) {
            return Kind.SYSTEM;
        }
        if (home.startsWith(path) || (path.getNameCount() == 1 && homeByShape(path.resolve("x")) != null)) {
            return Kind.HOME;
        }
        String unix = path.toString().replace('\\', '/');
        for (String dir : SYSTEM_DIRS) {
            if (unix.equals(dir) || unix.startsWith(dir + "/")) {
                return Kind.SYSTEM;
            }
        }
        return Kind.OTHER;
    }

    /**
     * The home directory a path lies in, judged by its shape ({@code /home/<user>}, {@code /Users/<user>}), so that
     * another user's home (a config copied from another machine, or a shared one) is recognised too.
     *
     * @param path an absolute, normalised path
     * @return the home, or {@code null} when the path is in none
     */
    static Path homeByShape(Path path) {
        Path root = path.getRoot();
        if (root == null || path.getNameCount() < 2) {
            return null;
        }
        String first = path.getName(0).toString();
        return first.equals("home") || first.equals("Users") ? root.resolve(first).resolve(path.getName(1)) : null;
    }

    /**
     * The directory a client starts a server of this config in, where that is known: a project config's servers
     * start in the project folder (the folder of {@code .mcp.json}, the parent of {@code .cursor}, {@code .vscode},
     * {@code .gemini} …), and Claude Desktop starts servers in {@code /} (its helper sets the working directory to
     * the file-system root: anthropics/claude-code#44764, modelcontextprotocol/docs#88). An entry's own absolute
     * {@code cwd} wins.
     *
     * @param config the config file
     * @param cwd the entry's {@code cwd}, or {@code null}
     * @return the directory, or {@code null} when unknown (the auditor's working directory is used then)
     */
    static Path startDirectory(dev.mcpsecrets.policy.config.McpConfigFile config, String cwd) {
        Path folder = config.path().toAbsolutePath().getParent();
        if (cwd != null && !cwd.isBlank() && !cwd.contains("$")) {
            try {
                Path p = Path.of(cwd.strip());
                if (p.isAbsolute()) {
                    return p.normalize();
                }
            } catch (InvalidPathException e) {
                // not a path on this system: fall through to the client's default
            }
        }
        if (folder == null) {
            return null;
        }
        if (config.scope() == dev.mcpsecrets.policy.config.ConfigScope.PROJECT) {
            String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
            boolean clientDir = name.equals(".cursor") || name.equals(".vscode") || name.equals(".gemini")
                    || name.equals(".windsurf") || name.equals(".claude") || name.equals(".roo");
            return clientDir && folder.getParent() != null ? folder.getParent() : folder;
        }
        if (config.client() == dev.mcpsecrets.policy.config.McpClient.CLAUDE_DESKTOP) {
            return folder.getRoot();
        }
        return null;
    }

    /**
     * Where a root really leads when it (or a directory on its way) is a symlink out of the directory
     * it appears in.
     *
     * @param path the root
     * @return the real path, or empty when the root is no escaping symlink or does not exist
     */
    static Optional<Path> symlinkTarget(Path path) {
        Path parent = path.getParent();
        if (parent == null || !Files.exists(path)) {
            return Optional.empty();
        }
        try {
            Path real = path.toRealPath();
            Path realParent = parent.toRealPath();
            return real.startsWith(realParent) ? Optional.empty() : Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a Docker volume or mount spec is read-only.
     *
     * @param spec e.g. {@code /src:/dst:ro} or {@code type=bind,src=/a,dst=/b,readonly}
     * @return {@code true} if read-only
     */
    static boolean readOnlyMount(String spec) {
        String s = spec.toLowerCase(Locale.ROOT);
        return s.endsWith(":ro") || s.contains(":ro,") || s.matches(".*(^|,)(readonly|ro)(=(true|1))?(,|$).*");
    }

    /**
     * How many unrelated projects a set of roots spans: roots not nested in each other that are each a
     * project (a {@code .git}, {@code package.json} … on disk), or whose only common ancestor is the
     * home or the root.
     *
     * @param roots the resolved roots of one server
     * @param view the file-system view
     * @return the number of projects, when two or more
     */
    static Optional<Integer> unrelatedProjects(List<Path> roots, FileSystemView view) {
        List<Path> top = new ArrayList<>();
        for (Path r : roots) {
            if (classify(r, view) != Kind.OTHER) {
                return Optional.empty();
            }
            if (roots.stream().noneMatch(o -> !o.equals(r) && r.startsWith(o)) && !top.contains(r)) {
                top.add(r);
            }
        }
        if (top.size() < 2) {
            return Optional.empty();
        }
        long projects = top.stream().filter(RootPaths::isProject).count();
        if (projects >= 2) {
            return Optional.of((int) projects);
        }
        Path common = top.get(0);
        for (Path p : top) {
            while (common != null && !p.startsWith(common)) {
                common = common.getParent();
            }
        }
        boolean unrelated = common == null || common.getParent() == null || common.equals(view.home())
                || view.home().startsWith(common);
        return unrelated ? Optional.of(top.size()) : Optional.empty();
    }

    private static boolean isProject(Path dir) {
        return PROJECT_MARKERS.stream().anyMatch(m -> Files.exists(dir.resolve(m)));
    }
}
