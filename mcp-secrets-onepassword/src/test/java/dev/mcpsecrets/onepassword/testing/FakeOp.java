package dev.mcpsecrets.onepassword.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the fake {@code op} script (test resource {@code fake-op/op}) in a fresh directory, with
 * its data file and a file recording each process start. No real 1Password account is involved.
 */
public final class FakeOp {
    private final Path dir;
    private final Path op;
    private final Path data;
    private final Path starts;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> extraEnv = new HashMap<>();

    private FakeOp(Path dir) throws IOException {
        this.dir = dir;
        this.op = dir.resolve("op");
        this.data = dir.resolve("data.tsv");
        this.starts = dir.resolve("starts.log");
        try (InputStream in = FakeOp.class.getResourceAsStream("/fake-op/op")) {
            if (in == null) {
                throw new IOException("test resource /fake-op/op is missing");
            }
            Files.copy(in, op, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwx------"));
        Files.createFile(starts);
        Files.createFile(data);
    }

    /**
     * A fake op in a new temporary directory.
     *
     * @return the fake
     */
    public static FakeOp install() {
        try {
            return new FakeOp(Files.createTempDirectory("fake-op"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a secret the fake knows.
     *
     * @param reference e.g. {@code op://Private/GitHub/token}
     * @param value the value ({@code printf %b} escapes such as {@code \n} are expanded)
     * @return this
     */
    public FakeOp with(String reference, String value) {
        values.put(reference, value);
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        try {
            Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Sets one more variable in {@link #environment()}.
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public FakeOp env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /**
     * The environment a provider and its context need: {@code PATH} (for the script's own tools), the
     * fake's settings and {@code MCP_SECRETS_OP_PATH} pointing at the fake.
     *
     * @return a new map
     */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("MCP_SECRETS_OP_PATH", op.toString());
        env.put("FAKE_OP_DATA", data.toString());
        env.put("FAKE_OP_STARTS", starts.toString());
        env.putAll(extraEnv);
        return env;
    }

    /**
     * The directory holding the script, for tests that find it on {@code PATH}.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /**
     * One line per process start: pid, whether a service-account token was set, OP_ACCOUNT, argv.
     *
     * @return the lines so far
     */
    public List<String> starts() {
        try {
            return new ArrayList<>(Files.readAllLines(starts, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
