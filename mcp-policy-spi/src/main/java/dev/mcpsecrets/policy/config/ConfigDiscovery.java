package dev.mcpsecrets.policy.config;

import dev.mcpsecrets.policy.source.FileSystemView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Knows where the common MCP clients keep their configs on each operating system, for this user and
 * for the current project (the working directory of the {@link FileSystemView}).
 *
 * @since 0.1
 */
public final class ConfigDiscovery {

    /**
     * A place where a client keeps a config.
     *
     * @param client the client
     * @param scope user or project
     * @param path the file
     */
    public record Candidate(McpClient client, ConfigScope scope, Path path) {
        /**
         * Validates the parts.
         *
         * @param client the client
         * @param scope the scope
         * @param path the path
         */
        public Candidate {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(path, "path");
        }
    }

    private ConfigDiscovery() {
    }

    /**
     * Every place a config may be for this view's user, OS and project, whether or not it exists.
     *
     * @param view the file-system view
     * @return the candidates, user configs first
     */
    public static List<Candidate> candidates(FileSystemView view) {
        Objects.requireNonNull(view, "view");
        Path home = view.home();
        Path project = view.workingDirectory();
        List<Candidate> c = new ArrayList<>();
        // Claude Desktop: ~/Library/Application Support/Claude (macOS), %APPDATA%\Claude (Windows),
        // ~/.config/Claude (Linux builds); the view's appData is each of these.
        c.add(user(McpClient.CLAUDE_DESKTOP, view.appData().resolve("Claude").resolve("claude_desktop_config.json")));
        c.add(user(McpClient.CLAUDE_CODE, home.resolve(".claude.json")));
        c.add(user(McpClient.CURSOR, home.resolve(".cursor").resolve("mcp.json")));
        c.add(user(McpClient.VSCODE, view.appData().resolve("Code").resolve("User").resolve("mcp.json")));
        c.add(user(McpClient.WINDSURF, home.resolve(".codeium").resolve("windsurf").resolve("mcp_config.json")));
        c.add(user(McpClient.GEMINI_CLI, home.resolve(".gemini").resolve("settings.json")));
        c.add(new Candidate(McpClient.CLAUDE_CODE, ConfigScope.PROJECT, project.resolve(".mcp.json")));
        c.add(new Candidate(McpClient.CURSOR, ConfigScope.PROJECT, project.resolve(".cursor").resolve("mcp.json")));
        c.add(new Candidate(McpClient.VSCODE, ConfigScope.PROJECT, project.resolve(".vscode").resolve("mcp.json")));
        c.add(new Candidate(McpClient.GEMINI_CLI, ConfigScope.PROJECT, project.resolve(".gemini").resolve("settings.json")));
        // the project may be the home directory itself: keep each file once
        List<Candidate> unique = new ArrayList<>();
        for (Candidate candidate : c) {
            if (unique.stream().noneMatch(u -> u.path().equals(candidate.path()))) {
                unique.add(candidate);
            }
        }
        return List.copyOf(unique);
    }

    /**
     * The candidates that exist (as files; symlinks followed).
     *
     * @param view the file-system view
     * @return the existing configs, user configs first
     */
    public static List<Candidate> discover(FileSystemView view) {
        return candidates(view).stream().filter(c -> Files.isRegularFile(c.path())).toList();
    }

    /**
     * Reads every existing config.
     *
     * @param view the file-system view
     * @return the configs, user configs first
     */
    public static List<McpConfigFile> readAll(FileSystemView view) {
        return discover(view).stream().map(c -> McpConfigReader.read(c.path(), c.client(), c.scope())).toList();
    }

    private static Candidate user(McpClient client, Path path) {
        return new Candidate(client, ConfigScope.USER, path);
    }
}
