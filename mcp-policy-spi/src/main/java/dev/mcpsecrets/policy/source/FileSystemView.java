package dev.mcpsecrets.policy.source;

import dev.mcpsecrets.policy.KeyedFingerprinter;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of the file system a check may look at: the user's home, the working directory (the
 * current project), the operating system whose conventions apply, and the per-user directories.
 * Checks resolve every user path through this view, never through {@code user.home} or
 * {@code user.dir}, so tests point them at a temporary tree.
 *
 * @param home the user's home directory
 * @param workingDirectory the current project's directory
 * @param os whose config locations and conventions apply
 * @param configHome the per-user config directory ({@code $XDG_CONFIG_HOME}, else {@code ~/.config})
 * @param appData the roaming application-data directory on Windows ({@code %APPDATA%}), elsewhere
 *     {@code ~/Library/Application Support} on macOS and the config home on Linux
 * @param fingerprintKeyFile where the {@link KeyedFingerprinter} key lives
 * @since 0.1
 */
public record FileSystemView(Path home, Path workingDirectory, OperatingSystem os, Path configHome, Path appData,
        Path fingerprintKeyFile) {

    /** Operating systems whose conventions differ for config locations. */
    public enum OperatingSystem {
        /** Linux and other Unix-likes with XDG conventions. */
        LINUX,
        /** macOS. */
        MACOS,
        /** Windows. */
        WINDOWS;

        /**
         * The operating system this JVM runs on.
         *
         * @return the current OS (Unix-likes other than macOS count as Linux)
         */
        public static OperatingSystem current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (name.startsWith("windows")) {
                return WINDOWS;
            }
            return name.startsWith("mac") || name.contains("darwin") ? MACOS : LINUX;
        }
    }

    /**
     * Validates the parts; every path is made absolute and normalised.
     *
     * @param home the home directory
     * @param workingDirectory the working directory
     * @param os the operating system
     * @param configHome the config home
     * @param appData the application-data directory
     * @param fingerprintKeyFile the key file
     */
    public FileSystemView {
        home = clean(home, "home");
        workingDirectory = clean(workingDirectory, "workingDirectory");
        Objects.requireNonNull(os, "os");
        configHome = clean(configHome, "configHome");
        appData = clean(appData, "appData");
        fingerprintKeyFile = clean(fingerprintKeyFile, "fingerprintKeyFile");
    }

    /**
     * The view of this process: {@code user.home}, {@code user.dir}, the current OS and the
     * environment's {@code XDG_CONFIG_HOME} / {@code APPDATA}.
     *
     * @param environment the environment, usually {@link System#getenv()}
     * @return the view
     */
    public static FileSystemView ofProcess(Map<String, String> environment) {
        return of(Path.of(System.getProperty("user.home")), Path.of(System.getProperty("user.dir")),
                OperatingSystem.current(), environment);
    }

    /**
     * A view with the given home and working directory and the conventional per-user directories
     * below the home (or from {@code XDG_CONFIG_HOME} / {@code APPDATA} when set in the environment).
     *
     * @param home the home directory
     * @param workingDirectory the working directory
     * @param os the operating system
     * @param environment the environment
     * @return the view
     */
    public static FileSystemView of(Path home, Path workingDirectory, OperatingSystem os,
            Map<String, String> environment) {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(environment, "environment");
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        String appDataVar = environment.get("APPDATA");
        Path appData;
        switch (os) {
            case WINDOWS:
                appData = appDataVar != null && !appDataVar.isBlank() ? Path.of(appDataVar)
                        : home.resolve("AppData").resolve("Roaming");
                break;
            case MACOS:
                appData = home.resolve("Library").resolve("Application Support");
                break;
            default:
                appData = configHome;
        }
        return new FileSystemView(home, workingDirectory, os, configHome, appData,
                configHome.resolve("mcp-secrets").resolve(KeyedFingerprinter.KEY_FILE_NAME));
    }

    /**
     * This view with another fingerprint key file (tests keep it in a temporary directory).
     *
     * @param keyFile the key file
     * @return a new view
     */
    public FileSystemView withFingerprintKeyFile(Path keyFile) {
        return new FileSystemView(home, workingDirectory, os, configHome, appData, keyFile);
    }

    /**
     * Resolves a path as a user or config would write it: {@code ~} and {@code ~/x} against the home,
     * relative paths against the working directory.
     *
     * @param text the path text
     * @return the absolute, normalised path
     * @throws java.nio.file.InvalidPathException if the text is not a path on this system
     */
    public Path resolveUserPath(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/") || text.startsWith("~\\")) {
            return home.resolve(text.substring(2)).normalize();
        }
        return workingDirectory.resolve(text).normalize();
    }

    /**
     * The path as shown to users: below the home it starts with {@code ~/}.
     *
     * @param path the path
     * @return the display text
     */
    public String display(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.equals(home)) {
            return "~";
        }
        return p.startsWith(home) ? "~/" + home.relativize(p).toString().replace('\\', '/') : p.toString();
    }

    private static Path clean(Path p, String what) {
        return Objects.requireNonNull(p, what).toAbsolutePath().normalize();
    }
}
