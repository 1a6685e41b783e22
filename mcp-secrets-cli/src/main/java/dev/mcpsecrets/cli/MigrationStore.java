package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.api.internal.files.SafeFiles;
import dev.mcpsecrets.dotenv.DotenvFile;
import dev.mcpsecrets.keychain.KeychainStore;
import dev.mcpsecrets.pass.PassStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where {@code migrate} puts a value, under a name derived from the server and the variable. Names are
 * validated before they get here ({@link #SERVER_NAME}, {@link #VARIABLE_NAME}), so they cannot add syntax
 * ({@code ||}, {@code #}, {@code /}, spaces) to the reference they become part of.
 */
interface MigrationStore {
    /** Server names a reference may carry: they become a path segment or part of a key. */
    Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** Variable names a reference may carry: environment variable names. */
    Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");

    /** The store's name as given to {@code --store}. */
    String name();

    /** The reference that names the item for this server and variable. */
    String reference(String server, String variable);

    /** Whether an item exists under that reference (then it is never overwritten). */
    boolean exists(String server, String variable) throws SecretException, IOException;

    /** Stores a new item; never replaces one. */
    void put(String server, String variable, Secret value) throws SecretException, IOException;

    /** Removes an item this run stored (undo). */
    void remove(String server, String variable) throws SecretException, IOException;

    static MigrationStore of(String store, String vault, Map<String, String> environment, Path userConfigDir,
            Duration timeout) {
        return switch (store) {
            case "dotenv" -> new Dotenv(userConfigDir.resolve(".env"));
            case "pass" -> new Pass(PassStore.open(environment, timeout));
            case "keychain" -> new Keychain(environment, timeout);
            case "op" -> new OpItemStore(vault, environment, timeout);
            default -> throw new CliException(Main.USAGE, "--store: one of keychain, dotenv, pass, op");
        };
    }

    /** {@code <SERVER>_<VAR>} in the user's own {@code .env} (600, directory 700). */
    final class Dotenv implements MigrationStore {
        private final Path file;
        /** Whether this run created the file: undoing the last key then removes the file too. */
        private boolean created;

        Dotenv(Path file) {
            this.file = file;
        }

        static String key(String server, String variable) {
            String raw = (server + "_" + variable).toUpperCase(Locale.ROOT);
            StringBuilder sb = new StringBuilder(raw.length());
            for (char c : raw.toCharArray()) {
                sb.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
            }
            return sb.toString();
        }

        @Override
        public String name() {
            return "dotenv";
        }

        @Override
        public String reference(String server, String variable) {
            return "dotenv:" + file + "#" + key(server, variable);
        }

        @Override
        public boolean exists(String server, String variable) throws IOException {
            return Files.exists(file) && DotenvFile.load(file).contains(key(server, variable));
        }

        @Override
        public void put(String server, String variable, Secret value) throws IOException {
            String key = key(server, variable);
            if (!Files.exists(file)) {
                created = true;
            }
            boolean[] existed = {false};
            DotenvFile.update(file, f -> {
                if (f.contains(key)) {
                    existed[0] = true;
                    return f;
                }
                return f.set(key, value);
            });
            if (existed[0]) {
                throw new IOException(file + " already has " + key + "; nothing stored");
            }
        }

        @Override
        public void remove(String server, String variable) throws IOException {
            String key = key(server, variable);
            Path target = SafeFiles.target(file);
            SafeFiles.locked(target, () -> {
                DotenvFile.update(file, f -> f.contains(key) ? f.remove(key) : f);
                if (created && Files.size(target) == 0) {
                    Files.delete(target);
                }
                return null;
            });
        }
    }

    /** {@code pass:mcp/<server>/<VAR>}. */
    final class Pass implements MigrationStore {
        private final PassStore store;

        Pass(PassStore store) {
            this.store = store;
        }

        static String entry(String server, String variable) {
            return "mcp/" + server + "/" + variable;
        }

        @Override
        public String name() {
            return "pass";
        }

        @Override
        public String reference(String server, String variable) {
            return "pass:" + entry(server, variable);
        }

        @Override
        public boolean exists(String server, String variable) throws SecretException {
            return store.exists(entry(server, variable));
        }

        @Override
        public void put(String server, String variable, Secret value) throws SecretException {
            store.put(entry(server, variable), value, false);
        }

        @Override
        public void remove(String server, String variable) throws SecretException {
            store.remove(entry(server, variable));
        }
    }

    /** {@code keychain:mcp-<server>/<VAR>}: service {@code mcp-<server>}, account the variable. */
    final class Keychain implements MigrationStore {
        private final Map<String, String> environment;
        private final Duration timeout;

        Keychain(Map<String, String> environment, Duration timeout) {
            this.environment = environment;
            this.timeout = timeout;
        }

        @Override
        public String name() {
            return "keychain";
        }

        @Override
        public String reference(String server, String variable) {
            return "keychain:mcp-" + server + "/" + variable;
        }

        @Override
        public boolean exists(String server, String variable) throws SecretException {
            // a fresh instance each time: a cached "not found" must not hide the item just stored
            try (Secrets secrets = SecretsFactory.create(environment, null, timeout)) {
                secrets.resolve(reference(server, variable)).destroy();
                return true;
            } catch (SecretException e) {
                if (e.reason() == Reason.NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        }

        @Override
        public void put(String server, String variable, Secret value) throws SecretException {
            if (exists(server, variable)) {
                throw new SecretException(Reason.DENIED, reference(server, variable), "the item exists; nothing stored");
            }
            try (KeychainStore store = KeychainStore.open(environment, timeout)) {
                store.put("mcp-" + server, variable, value);
            }
        }

        @Override
        public void remove(String server, String variable) throws SecretException {
            try (KeychainStore store = KeychainStore.open(environment, timeout)) {
                store.delete("mcp-" + server, variable);
            }
        }
    }
}
