package dev.mcpsecrets.dotenv.internal;

import dev.mcpsecrets.api.ResolveContext;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@code dotenv:KEY} looks, in order: the directories named by the system property
 * {@value #DIR_PROPERTY} or else the variable {@value #DIR_VARIABLE} (several separated by the platform's
 * path separator), the working directory, {@code ~/.config/mcp-secrets/} and {@code ~/.claude/secrets/}.
 * In each directory {@code .env.<profile>} comes before {@code .env}.
 */
public final class SearchPath {
    /** System property naming extra directories searched first. */
    public static final String DIR_PROPERTY = "mcp.secrets.dotenv.dir";
    /** Environment variable naming extra directories searched first (when the property is not set). */
    public static final String DIR_VARIABLE = "MCP_SECRETS_DOTENV_DIR";

    private SearchPath() {
    }

    /**
     * One directory to search.
     *
     * @param dir the directory
     * @param dedicated whether it is a dedicated secrets directory, held to mode 700
     */
    public record Directory(Path dir, boolean dedicated) {
    }

    /**
     * The directories for a resolution, without duplicates.
     *
     * @param ctx the context (its environment supplies {@code HOME} and {@value #DIR_VARIABLE})
     * @return the directories in search order
     */
    public static List<Directory> directories(ResolveContext ctx) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Directory> result = new ArrayList<>();
        String explicit = System.getProperty(DIR_PROPERTY);
        if (explicit == null || explicit.isBlank()) {
            explicit = ctx.getenv(DIR_VARIABLE);
        }
        if (explicit != null) {
            for (String part : explicit.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    add(result, seen, part.trim(), false);
                }
            }
        }
        add(result, seen, System.getProperty("user.dir", "."), false);
        String home = ctx.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        if (home != null && !home.isBlank()) {
            add(result, seen, Paths.get(home, ".config", "mcp-secrets").toString(), true);
            add(result, seen, Paths.get(home, ".claude", "secrets").toString(), true);
        }
        return result;
    }

    /**
     * The file names looked for in each directory.
     *
     * @param ctx the context, whose profile names the first file
     * @return {@code .env.<profile>} and {@code .env}
     */
    public static List<String> fileNames(ResolveContext ctx) {
        return List.of(".env." + ctx.profile().name(), ".env");
    }

    private static void add(List<Directory> result, Set<Path> seen, String dir, boolean dedicated) {
        try {
            Path path = Paths.get(dir).toAbsolutePath().normalize();
            if (seen.add(path)) {
                result.add(new Directory(path, dedicated));
            }
        } catch (InvalidPathException ignored) {
            // A malformed directory setting names nothing to search; the NOT_FOUND message lists what was searched.
        }
    }
}
