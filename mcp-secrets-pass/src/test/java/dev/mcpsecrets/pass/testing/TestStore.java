package dev.mcpsecrets.pass.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real password store for tests: a throwaway GPG key in a temporary {@code GNUPGHOME} and a store
 * initialised by {@code pass init} in a temporary {@code PASSWORD_STORE_DIR}. The key has no passphrase,
 * or one that gpg-agent has not cached ({@link #createLocked()}). {@link #close()} stops the gpg-agent of
 * that home (only that one) and deletes both directories. Nothing is mocked.
 */
public final class TestStore implements AutoCloseable {
    /** The passphrase of the key of a locked store. */
    public static final String PASSPHRASE = "pass-it-passphrase";
    private static final long STEP_SECONDS = 60;

    private final Path root;
    private final Path gnupgHome;
    private final Path storeDir;
    private final String keyId;

    private TestStore(Path root, String keyId) {
        this.root = root;
        this.gnupgHome = root.resolve("g");
        this.storeDir = root.resolve("store");
        this.keyId = keyId;
    }

    /**
     * What is missing to run these tests: {@code pass}, {@code gpg} or {@code gpgconf} on PATH.
     *
     * @return a sentence, or empty when everything is installed
     */
    public static Optional<String> missingProgram() {
        for (String program : List.of("pass", "gpg", "gpgconf", "gpg-agent")) {
            if (!onPath(program)) {
                return Optional.of(program + " is not on PATH (apt-get install pass gnupg)");
            }
        }
        return Optional.empty();
    }

    /**
     * A store whose key has no passphrase.
     *
     * @return the store
     * @throws IOException if gpg or pass fail
     */
    public static TestStore create() throws IOException {
        return create(false);
    }

    /**
     * A store whose key has a passphrase ({@link #PASSPHRASE}) that gpg-agent has not cached. Entries are
     * written by encrypting to the public key, which needs no passphrase.
     *
     * @return the store
     * @throws IOException if gpg or pass fail
     */
    public static TestStore createLocked() throws IOException {
        return create(true);
    }

    private static TestStore create(boolean locked) throws IOException {
        // Short: gpg-agent's socket lives in GNUPGHOME, and socket paths are limited to about 100 bytes.
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pit");
        Path home = root.resolve("g");
        Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String uid = "Pass IT <pass-it-" + root.getFileName() + "@example.invalid>";
        TestStore store = new TestStore(root, uid.substring(uid.indexOf('<') + 1, uid.length() - 1));
        try {
            List<String> gen = new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--pinentry-mode", "loopback",
                    "--passphrase", locked ? PASSPHRASE : "", "--quick-gen-key", uid, "future-default", "default",
                    "never"));
            store.run(null, gen);
            store.pass(null, "init", store.keyId);
            if (locked) {
                store.stopAgent();
            }
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * This JVM's environment with this store and GnuPG home.
     *
     * @return the environment to resolve with
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GNUPGHOME", gnupgHome.toString());
        env.put("PASSWORD_STORE_DIR", storeDir.toString());
        env.remove("PASSWORD_STORE_GPG_OPTS");
        return Map.copyOf(env);
    }

    /**
     * The store directory.
     *
     * @return {@code PASSWORD_STORE_DIR}
     */
    public Path storeDir() {
        return storeDir;
    }

    /**
     * The GnuPG home.
     *
     * @return {@code GNUPGHOME}
     */
    public Path gnupgHome() {
        return gnupgHome;
    }

    /**
     * A file in the test's temporary directory, e.g. for a passphrase file.
     *
     * @param name the file name
     * @return its path (not created)
     */
    public Path file(String name) {
        return root.resolve(name);
    }

    /**
     * Writes an entry the way users do: {@code pass insert --multiline NAME} with the content on stdin.
     *
     * @param name the entry name
     * @param content the exact content
     * @throws IOException if pass fails
     */
    public void insert(String name, String content) throws IOException {
        pass(content, "insert", "--multiline", "--force", name);
    }

    /**
     * What {@code pass show NAME} prints.
     *
     * @param name the entry name
     * @return its output
     * @throws IOException if pass fails
     */
    public String show(String name) throws IOException {
        return pass(null, "show", name);
    }

    /**
     * Stops this home's gpg-agent, forgetting any cached passphrase.
     *
     * @throws IOException if gpgconf fails
     */
    public void stopAgent() throws IOException {
        run(null, List.of("gpgconf", "--homedir", gnupgHome.toString(), "--kill", "gpg-agent"));
    }

    /** Stops this home's gpg-agent and deletes the directories. */
    @Override
    public void close() {
        try {
            stopAgent();
        } catch (IOException | RuntimeException e) {
            // deleting the directories still helps; the agent exits on its own once its socket is gone
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pass(String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("pass"));
        command.addAll(List.of(args));
        return run(stdin, command);
    }

    private String run(String stdin, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + STEP_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = new String(out, UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed (exit " + p.exitValue() + ")");
        }
        return text;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
