package dev.mcpsecrets.policy.checks.internal.logs;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.source.FileSystemView.OperatingSystem;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where MCP clients keep logs and transcripts, per operating system, and the files found there. The
 * places and their sources are listed in {@code docs/design.md} ("Client logs and transcripts"). Every
 * path comes from the {@link FileSystemView}, so tests point the search at a fixture home.
 *
 * <p>Directories are walked without following symbolic links (a link inside a log directory is reported,
 * not followed), at most {@value #MAX_DEPTH} levels deep and {@value #MAX_FILES} files in all.
 */
public final class ClientLogLocations {
    /** How deep below a place's root files are looked for. */
    static final int MAX_DEPTH = 6;
    /** How many files are listed in all (a larger machine gets a finding saying the list was cut). */
    public static final int MAX_FILES = 20_000;

    /** The clients, as named in reports and in {@code doctor --logs}. */
    public static final String CLAUDE_DESKTOP = "Claude Desktop";

    /**
     * One place a client writes to.
     *
     * @param client the client, e.g. {@code Claude Desktop}
     * @param what {@code MCP logs} or {@code transcripts}
     * @param root the directory (or the single file)
     * @param names which file names below it count
     */
    public record Place(String client, String what, Path root, Predicate<String> names) {
        /**
         * Validates the parts.
         *
         * @param client the client
         * @param what what it holds
         * @param root the root
         * @param names the name filter
         */
        public Place {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(names, "names");
        }

        @Override
        public String toString() {
            return "Place[" + client + " " + what + " " + root + "]";
        }
    }

    /**
     * A file found in a place, or something in its place that is not scanned.
     *
     * @param place where it was found
     * @param path the file
     * @param problem why it is not scanned (a link, a pipe, a directory that cannot be listed), or {@code null}
     */
    public record Found(Place place, Path path, String problem) {
    }

    /**
     * What a listing found.
     *
     * @param files the files, in a stable order
     * @param truncated whether {@link #MAX_FILES} cut the list
     */
    public record Listing(List<Found> files, boolean truncated) {
        /**
         * Copies the list.
         *
         * @param files the files
         * @param truncated whether cut
         */
        public Listing {
            files = List.copyOf(files);
        }
    }

    private ClientLogLocations() {
    }

    /**
     * The places of every client on the view's operating system.
     *
     * @param view the file-system view
     * @param environment the environment ({@code CLAUDE_CONFIG_DIR} moves Claude Code's directory)
     * @return the places; those that do not exist are included (callers skip them)
     */
    public static List<Place> places(FileSystemView view, Map<String, String> environment) {
        List<Place> places = new ArrayList<>();
        places.add(new Place(CLAUDE_DESKTOP, "MCP logs", claudeDesktopLogs(view), ClientLogLocations::claudeDesktopLog));
        Path claude = claudeCodeDirectory(view, environment);
        places.add(new Place("Claude Code", "transcripts", claude.resolve("projects"),
                n -> hasTextSuffix(n, ".jsonl") || hasTextSuffix(n, ".txt")));
        places.add(new Place("Claude Code", "prompt history", claude.resolve("history.jsonl"),
                n -> n.startsWith("history.jsonl")));
        for (String[] editor : new String[][] {{"Cursor", "Cursor"}, {"VS Code", "Code"},
            {"VS Code Insiders", "Code - Insiders"}, {"Windsurf", "Windsurf"}}) {
            places.add(new Place(editor[0], "MCP logs", editorUserData(view, editor[1]).resolve("logs"),
                    ClientLogLocations::editorMcpLog));
        }
        places.add(new Place("Gemini CLI", "chats and logs", view.home().resolve(".gemini").resolve("tmp"),
                n -> hasTextSuffix(n, ".json") || hasTextSuffix(n, ".jsonl")));
        return places;
    }

    /**
     * Claude Desktop's log directory: {@code ~/Library/Logs/Claude} on macOS, {@code %APPDATA%\Claude\logs}
     * on Windows, {@code ~/.config/Claude/logs} on Linux.
     *
     * @param view the view
     * @return the directory
     */
    public static Path claudeDesktopLogs(FileSystemView view) {
        return switch (view.os()) {
            case MACOS -> view.home().resolve("Library").resolve("Logs").resolve("Claude");
            case WINDOWS -> view.appData().resolve("Claude").resolve("logs");
            default -> view.configHome().resolve("Claude").resolve("logs");
        };
    }

    /** {@code CLAUDE_CONFIG_DIR} when set to an absolute path, else {@code ~/.claude}. */
    static Path claudeCodeDirectory(FileSystemView view, Map<String, String> environment) {
        String dir = environment.get("CLAUDE_CONFIG_DIR");
        if (dir != null && !dir.isBlank()) {
            try {
                Path p = Path.of(dir);
                if (p.isAbsolute()) {
                    return p.normalize();
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path on this system: the default place is searched instead
            }
        }
        return view.home().resolve(".claude");
    }

    /** An Electron editor's user-data directory (VS Code and its forks keep {@code logs/} there). */
    static Path editorUserData(FileSystemView view, String name) {
        return view.os() == OperatingSystem.LINUX ? view.configHome().resolve(name) : view.appData().resolve(name);
    }

    /** {@code mcp.log}, {@code mcp-server-NAME.log} and their rotations ({@code .log.1}, {@code .old.log}, {@code .gz}). */
    static boolean claudeDesktopLog(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("mcp") && n.contains(".log");
    }

    /** An editor log whose name says MCP: {@code Cursor MCP.log}, {@code mcpServer.*.log}, {@code MCP Logs.log}. */
    static boolean editorMcpLog(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("mcp") && n.contains(".log");
    }

    /** The name ends with the suffix, possibly followed by a rotation ({@code .1}) or {@code .gz}. */
    static boolean hasTextSuffix(String name, String suffix) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        n = n.replaceFirst("\\.\\d+$", "");
        return n.endsWith(suffix);
    }

    /**
     * The files in these places, without following links.
     *
     * @param places the places
     * @return the files and what stood in their place
     */
    public static Listing list(List<Place> places) {
        List<Found> found = new ArrayList<>();
        boolean[] truncated = {false};
        for (Place place : places) {
            Path root = place.root();
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(root, BasicFileAttributes.class);
            } catch (IOException | SecurityException e) {
                continue; // the client is not installed, or never wrote here
            }
            if (!attrs.isDirectory()) {
                if (place.names().test(root.getFileName().toString())) {
                    found.add(new Found(place, root, attrs.isRegularFile() ? null : FileKinds.describe(root)));
                }
                continue;
            }
            Path start;
            try {
                start = root.toRealPath(); // the user may keep ~/.claude elsewhere through a link; below it none is followed
            } catch (IOException | SecurityException e) {
                continue;
            }
            int before = found.size();
            try {
                Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                                if (found.size() >= MAX_FILES) {
                                    truncated[0] = true;
                                    return FileVisitResult.TERMINATE;
                                }
                                Path shown = root.resolve(start.relativize(file));
                                if (!place.names().test(file.getFileName().toString())) {
                                    return FileVisitResult.CONTINUE;
                                }
                                if (a.isSymbolicLink()) {
                                    found.add(new Found(place, shown, "a symbolic link; not followed"));
                                } else if (!a.isRegularFile()) {
                                    found.add(new Found(place, shown, FileKinds.describe(file)));
                                } else {
                                    found.add(new Found(place, shown, null));
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException e) {
                                found.add(new Found(place, root.resolve(start.relativize(file)),
                                        "cannot be read (" + e.getClass().getSimpleName() + ")"));
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException | SecurityException e) {
                found.add(new Found(place, root, "cannot be listed (" + e.getClass().getSimpleName() + ")"));
            }
            found.subList(before, found.size()).sort(java.util.Comparator.comparing(f -> f.path().toString()));
            if (truncated[0]) {
                break;
            }
        }
        return new Listing(found, truncated[0]);
    }

    /** Whether a path is (still) a regular file, not through a link. */
    static boolean isRegularNoFollow(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }
}
