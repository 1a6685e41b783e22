package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.config.JsonValue;
import dev.mcpsecrets.policy.config.McpConfigFile;
import dev.mcpsecrets.policy.config.McpServer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the plaintext secrets of this user and project live: the dedicated secrets directories
 * ({@code ~/.claude/secrets}, {@code ~/.config/mcp-secrets}), {@code .env} files of the project and
 * the home, files that configs point at ({@code envFile}, {@code file:}, {@code dotenv:/path#KEY}),
 * and the shell rc files.
 */
public final class SecretFiles {
    private static final List<String> RC_FILES = List.of(".zshrc", ".zshenv", ".zprofile", ".bashrc", ".bash_profile",
            ".bash_login", ".profile", ".config/fish/config.fish");
    private static final Set<String> TEMPLATE_SUFFIXES = Set.of("example", "sample", "template", "dist", "defaults");

    private SecretFiles() {
    }

    /**
     * The dedicated secrets directories that exist.
     *
     * @param view the file-system view
     * @return the directories
     */
    public static List<Path> secretDirectories(FileSystemView view) {
        List<Path> dirs = new ArrayList<>();
        for (Path d : List.of(view.home().resolve(".claude").resolve("secrets"), view.configHome().resolve("mcp-secrets"))) {
            if (Files.isDirectory(d)) {
                dirs.add(d);
            }
        }
        return dirs;
    }

    /**
     * Every existing file that holds plaintext secrets, without duplicates, in a stable order.
     *
     * @param context the context
     * @return the files
     */
    static List<Path> secretFiles(PolicyContext context) {
        FileSystemView view = context.files();
        Set<Path> files = new LinkedHashSet<>();
        for (Path dir : secretDirectories(view)) {
            listFiles(dir, true).stream().filter(f -> !f.equals(view.fingerprintKeyFile())).forEach(files::add);
        }
        files.addAll(envFiles(view.workingDirectory()));
        files.addAll(envFiles(view.home()));
        for (McpConfigFile config : context.configs()) {
            for (McpServer server : config.servers()) {
                server.envFile().ifPresent(f -> referenced(f.value(), view, files));
                for (JsonValue.StringValue v : server.credentialCarriers()) {
                    fileReference(v.value(), view, files);
                }
                for (JsonValue.StringValue v : server.args()) {
                    int eq = v.value().indexOf('=');
                    fileReference(eq > 0 ? v.value().substring(eq + 1) : v.value(), view, files);
                }
            }
        }
        return List.copyOf(files);
    }

    /**
     * The {@code .env} and {@code .env.<name>} files of a directory, templates excluded.
     *
     * @param dir the directory
     * @return the files, sorted by name
     */
    public static List<Path> envFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        for (Path f : listFiles(dir, false)) {
            String name = f.getFileName().toString();
            if (name.equals(".env") || (name.startsWith(".env.")
                    && !TEMPLATE_SUFFIXES.contains(name.substring(5).toLowerCase(Locale.ROOT)))) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The shell startup files of the user that exist.
     *
     * @param view the file-system view
     * @return the files
     */
    static List<Path> rcFiles(FileSystemView view) {
        List<Path> out = new ArrayList<>();
        for (String rc : RC_FILES) {
            Path p = view.home().resolve(rc);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static void fileReference(String value, FileSystemView view, Set<Path> files) {
        for (String part : value.split("\\|\\|")) {
            String p = part.strip();
            if (p.startsWith("file:")) {
                referenced(p.substring(5), view, files);
            } else if (p.startsWith("dotenv:") && p.contains("#")) {
                referenced(p.substring(7, p.indexOf('#')), view, files);
            }
        }
    }

    private static void referenced(String text, FileSystemView view, Set<Path> files) {
        String t = text.replace("${workspaceFolder}", view.workingDirectory().toString())
                .replace("${userHome}", view.home().toString());
        if (t.isBlank() || t.contains("${")) {
            return;
        }
        try {
            Path p = view.resolveUserPath(t);
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        } catch (InvalidPathException e) {
            // not a path on this system: nothing to check
        }
    }

    private static List<Path> listFiles(Path dir, boolean all) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, all ? "*" : ".env*")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    out.add(p.toAbsolutePath().normalize());
                }
            }
        } catch (IOException | SecurityException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
