package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What pass reads from its environment, read the same way here: the store ({@code PASSWORD_STORE_DIR},
 * else {@code ~/.password-store}), extra gpg options ({@code PASSWORD_STORE_GPG_OPTS}, split at blanks
 * as the pass script's unquoted expansion does) and the programs on {@code PATH} ({@code gpg2} before
 * {@code gpg}, as pass prefers it). {@code GNUPGHOME} reaches gpg through the child's environment.
 */
public final class PassSettings {
    /** The store directory variable. */
    public static final String STORE_DIR = "PASSWORD_STORE_DIR";
    /** Extra gpg options. */
    public static final String GPG_OPTS = "PASSWORD_STORE_GPG_OPTS";

    private PassSettings() {
    }

    /**
     * The store directory.
     *
     * @param env the environment
     * @return the directory, absolute, or {@code null} when neither variable names one
     */
    public static Path storeDir(Map<String, String> env) {
        try {
            String dir = env.get(STORE_DIR);
            if (dir != null && !dir.isEmpty()) {
                return Path.of(dir).toAbsolutePath().normalize();
            }
            String home = env.get("HOME");
            if (home == null || home.isEmpty()) {
                return null;
            }
            return Path.of(home, ".password-store").toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * The first executable of the given names on the environment's {@code PATH}.
     *
     * @param env the environment
     * @param names program names, in order of preference
     * @return the program, or {@code null}
     */
    public static Path program(Map<String, String> env, String... names) {
        String path = env.get("PATH");
        if (path == null || path.isEmpty()) {
            return null;
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate.toAbsolutePath();
                    }
                } catch (InvalidPathException e) {
                    // a PATH entry that is no path cannot hold the program
                }
            }
        }
        return null;
    }

    /** gpg, as pass picks it. */
    static Path gpg(Map<String, String> env) {
        return program(env, "gpg2", "gpg");
    }

    /** The words of {@code PASSWORD_STORE_GPG_OPTS}. */
    static List<String> gpgOptions(Map<String, String> env) {
        List<String> words = new ArrayList<>();
        String opts = env.get(GPG_OPTS);
        if (opts != null) {
            for (String w : opts.split("[ \t\n]+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }

    /**
     * Whether entries can be read here: gpg on {@code PATH} and a store directory. Cheap: no process starts.
     *
     * @param env the environment
     * @return the availability, with one sentence on how to fix it
     */
    static Availability readAvailability(Map<String, String> env) {
        Path gpg = gpg(env);
        if (gpg == null) {
            return Availability.unavailable(Reason.UNAVAILABLE,
                    "gpg is not on PATH: install GnuPG and pass (e.g. apt-get install pass gnupg)");
        }
        Path store = storeDir(env);
        if (store == null) {
            return Availability.unavailable(Reason.UNAVAILABLE,
                    "no password store: neither PASSWORD_STORE_DIR nor HOME is set");
        }
        if (!Files.isDirectory(store)) {
            return Availability.unavailable(Reason.UNAVAILABLE, "no password store at " + store
                    + ": run 'pass init GPG-ID' (or clone your team's store there), or set PASSWORD_STORE_DIR");
        }
        return Availability.available("password store at " + store + ", " + gpg);
    }
}
