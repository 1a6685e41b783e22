package dev.mcpsecrets.keychain.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real gnome-keyring-daemon on a private D-Bus session bus, started by the tests and the benchmark: a {@code dbus-daemon}
 * listening on {@code DIR/bus}, and the keyring daemon with its {@code login} keyring in {@code DIR/data}
 * unlocked by a password written to its stdin. Nothing is mocked; {@link #close()} stops both.
 */
public final class KeyringDaemon implements AutoCloseable {
    /** The session bus address variable. */
    public static final String ADDRESS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";
    private static final String SECRET_SERVICE = "org.freedesktop.secrets";
    private static final String DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default";
    static final String PASSWORD = "keychain-it-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final String address;
    private final Map<String, String> childEnvironment;
    private final List<Process> processes = new ArrayList<>();

    private KeyringDaemon(Path dir) {
        this.dir = dir;
        this.address = "unix:path=" + dir.resolve("bus");
        this.childEnvironment = Map.of(
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", dir.resolve("home").toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_RUNTIME_DIR", dir.resolve("run").toString(),
                ADDRESS_VARIABLE, address);
    }

    /**
     * Starts a session bus and an unlocked keyring in a fresh directory.
     *
     * @param dir the directory (emptied first); the bus listens on {@code dir/bus}
     * @return the running daemons
     * @throws IOException if a program is missing or does not start
     * @throws InterruptedException if interrupted while waiting for the daemons
     */
    public static KeyringDaemon start(Path dir) throws IOException, InterruptedException {
        return launch(dir, false);
    }

    /**
     * A session bus with no Secret Service on it and none that can be activated.
     *
     * @param dir the directory (emptied first); the bus listens on {@code dir/bus}
     * @return the running bus
     * @throws IOException if dbus-daemon is missing or does not start
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static KeyringDaemon startBareBus(Path dir) throws IOException, InterruptedException {
        return launch(dir, true);
    }

    private static KeyringDaemon launch(Path dir, boolean bare) throws IOException, InterruptedException {
        requireInstalled();
        deleteTree(dir);
        for (String sub : new String[] {"home", "data", "config", "run"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwx------"));
        KeyringDaemon daemon = new KeyringDaemon(dir);
        try {
            if (bare) {
                Path config = dir.resolve("bare-session.conf");
                try (InputStream template = KeyringDaemon.class.getResourceAsStream("bare-session.conf")) {
                    Files.writeString(config, new String(template.readAllBytes(), UTF_8)
                            .replace("@SOCKET@", dir.resolve("bus").toString()), UTF_8);
                }
                daemon.startBus(config);
            } else {
                daemon.startBus(null);
                daemon.startKeyring();
            }
            return daemon;
        } catch (IOException | InterruptedException | RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    /**
     * The bus address.
     *
     * @return e.g. {@code unix:path=/…/bus}
     */
    public String address() {
        return address;
    }

    /**
     * This JVM's environment with this bus as the session bus.
     *
     * @return the environment to resolve with
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(ADDRESS_VARIABLE, address);
        return Map.copyOf(env);
    }

    /**
     * Stores an item the way Linux users do: {@code secret-tool store service S account A} (at most 8 KiB).
     *
     * @param service the service attribute
     * @param account the account attribute
     * @param value the value, given on stdin
     * @throws IOException if secret-tool fails
     * @throws InterruptedException if interrupted while waiting for it
     */
    public void secretToolStore(String service, String account, String value) throws IOException, InterruptedException {
        secretToolStore(value, "service", service, "account", account);
    }

    /**
     * Stores an item with any attributes: {@code secret-tool store --label=L NAME VALUE...}.
     *
     * @param value the value, given on stdin (at most 8 KiB)
     * @param attributes attribute names and values, alternating
     * @throws IOException if secret-tool fails
     * @throws InterruptedException if interrupted while waiting for it
     */
    public void secretToolStore(String value, String... attributes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("secret-tool", "store", "--label=" + String.join(" ", attributes)));
        command.addAll(List.of(attributes));
        run(value, command.toArray(String[]::new));
    }

    /**
     * Reads an item with {@code secret-tool lookup}.
     *
     * @param service the service attribute
     * @param account the account attribute
     * @return the value, or null when there is none
     * @throws IOException if secret-tool cannot run
     * @throws InterruptedException if interrupted while waiting for it
     */
    public String secretToolLookup(String service, String account) throws IOException, InterruptedException {
        Process p = child(List.of("secret-tool", "lookup", "service", service, "account", account));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        return finish(p, "secret-tool lookup") == 0 ? new String(out, UTF_8) : null;
    }

    /**
     * Locks the default collection, as a screen lock or {@code secret-tool lock} would.
     *
     * @throws IOException if dbus-send fails
     * @throws InterruptedException if interrupted while waiting for it
     */
    public void lock() throws IOException, InterruptedException {
        run("", "dbus-send", "--session", "--print-reply", "--dest=" + SECRET_SERVICE,
                "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
                "array:objpath:" + DEFAULT_COLLECTION);
    }

    /** Stops the keyring daemon and the bus. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        processes.clear();
    }

    private void startBus(Path config) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dbus-daemon", "--nofork", "--print-address"));
        if (config == null) {
            command.addAll(List.of("--session", "--address=" + address));
        } else {
            command.add("--config-file=" + config);
        }
        Process bus = child(command);
        processes.add(bus);
        bus.getOutputStream().close();
        // dbus-daemon prints its address once it listens
        BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("unix:")) {
            throw new IOException("dbus-daemon did not start: " + new String(bus.getErrorStream().readAllBytes(), UTF_8));
        }
    }

    private void startKeyring() throws IOException, InterruptedException {
        Process keyring = child(List.of("gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"));
        processes.add(keyring);
        try (OutputStream in = keyring.getOutputStream()) {
            in.write(PASSWORD.getBytes(UTF_8));
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!serviceIsUp()) {
            if (!keyring.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("gnome-keyring-daemon did not come up on " + address + ": "
                        + new String(keyring.getErrorStream().readNBytes(4096), UTF_8));
            }
            Thread.sleep(50);
        }
    }

    private boolean serviceIsUp() throws IOException, InterruptedException {
        Process p = child(List.of("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + SECRET_SERVICE));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        return finish(p, "dbus-send") == 0 && out.contains("boolean true");
    }

    private void run(String stdin, String... command) throws IOException, InterruptedException {
        Process p = child(List.of(command));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(UTF_8));
        }
        p.getInputStream().readAllBytes();
        if (finish(p, command[0]) != 0) {
            throw new IOException(command[0] + " failed: " + new String(p.getErrorStream().readAllBytes(), UTF_8));
        }
    }

    private Process child(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(childEnvironment);
        return builder.start();
    }

    private static int finish(Process p, String what) throws InterruptedException, IOException {
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish");
        }
        return p.exitValue();
    }

    /**
     * The first of the programs the daemons need that is not installed.
     *
     * @return a sentence naming it and the packages to install, or empty when all are there
     */
    public static Optional<String> missingProgram() {
        for (String program : new String[] {"dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool"}) {
            boolean found = false;
            for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                found |= Files.isExecutable(Path.of(entry, program));
            }
            if (!found) {
                return Optional.of(program + " is not installed (apt-get install -y gnome-keyring dbus dbus-x11 "
                        + "libsecret-tools)");
            }
        }
        return Optional.empty();
    }

    private static void requireInstalled() throws IOException {
        Optional<String> missing = missingProgram();
        if (missing.isPresent()) {
            throw new IOException(missing.get());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
