package dev.mcpsecrets.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * 1Password through the {@code op} CLI: one Password item per variable, titled {@code mcp-<server>-<VAR>}, in the
 * vault given with {@code --vault}; referenced as {@code op://<vault>/mcp-<server>-<VAR>/password}. The value goes
 * to {@code op item create} in a template file of mode 600 in a directory of mode 700, deleted right after; never
 * in argv. op's own output is not shown (it may quote what it was given).
 */
final class OpItemStore implements MigrationStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String vault;
    private final Map<String, String> environment;
    private final Duration timeout;

    OpItemStore(String vault, Map<String, String> environment, Duration timeout) {
        if (vault == null || !SERVER_NAME.matcher(vault).matches()) {
            throw new CliException(Main.USAGE, "--store op needs --vault NAME (letters, digits, '.', '_', '-')");
        }
        this.vault = vault;
        this.environment = environment;
        this.timeout = timeout;
    }

    static String title(String server, String variable) {
        return "mcp-" + server + "-" + variable;
    }

    @Override
    public String name() {
        return "op (vault " + vault + ")";
    }

    @Override
    public String reference(String server, String variable) {
        return "op://" + vault + "/" + title(server, variable) + "/password";
    }

    @Override
    public boolean exists(String server, String variable) throws SecretException {
        Outcome o = op(null, "item", "get", title(server, variable), "--vault", vault, "--format", "json");
        if (o.exit() == 0) {
            return true;
        }
        if (o.error().contains("isn't an item")) {
            return false;
        }
        throw failure("op item get", o);
    }

    @Override
    public void put(String server, String variable, Secret value) throws SecretException, IOException {
        if (exists(server, variable)) {
            throw new SecretException(Reason.DENIED, reference(server, variable), "the item exists; nothing stored");
        }
        Path dir = Files.createTempDirectory("mcp-secrets-op", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path template = dir.resolve("item.json");
        byte[] bytes = template(title(server, variable), value);
        try {
            try (FileChannel ch = FileChannel.open(template, List.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE).stream().collect(java.util.stream.Collectors.toSet()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
            }
            Outcome o = op(null, "item", "create", "--vault", vault, "--template", template.toString(), "--format", "json");
            if (o.exit() != 0) {
                throw failure("op item create", o);
            }
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (Files.exists(template)) {
                // overwrite before unlinking: the template held the value
                try (FileChannel ch = FileChannel.open(template, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(new byte[(int) ch.size()]));
                }
                Files.delete(template);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static byte[] template(String title, Secret value) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title);
        root.put("category", "PASSWORD");
        ObjectNode field = root.putArray("fields").addObject();
        field.put("id", "password");
        field.put("type", "CONCEALED");
        field.put("purpose", "PASSWORD");
        field.put("label", "password");
        char[] chars = value.revealChars();
        try {
            field.put("value", new String(chars));
            return JSON.writeValueAsBytes(root);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public void remove(String server, String variable) throws SecretException {
        Outcome o = op(null, "item", "delete", title(server, variable), "--vault", vault);
        if (o.exit() != 0 && !o.error().contains("isn't an item")) {
            throw failure("op item delete", o);
        }
    }

    private record Outcome(int exit, String error) {
    }

    private SecretException failure(String what, Outcome o) {
        Reason reason = o.error().contains("not currently signed in") ? Reason.LOCKED : Reason.UNAVAILABLE;
        return new SecretException(reason, "op://" + vault, what + " failed (exit " + o.exit() + ")");
    }

    /** Runs op without a shell; stdout is discarded, stderr kept for the known error texts only. */
    private Outcome op(String stdin, String... args) throws SecretException {
        String configured = environment.get("MCP_SECRETS_OP_PATH");
        Path program;
        try {
            program = configured != null && !configured.isBlank() ? Path.of(configured)
                    : ChildProcess.locate("op", environment.get("PATH"), null);
        } catch (CliException e) {
            throw new SecretException(Reason.UNAVAILABLE, "op://" + vault, "op (1Password CLI) is not on PATH");
        }
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path errors = null;
        try {
            // a file, not a pipe: an op that never closes its stderr cannot make this wait past the deadline
            errors = Files.createTempFile("mcp-secrets-op", ".err", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            pb.redirectError(errors.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SecretException(Reason.TIMEOUT, "op://" + vault, "op did not answer within " + timeout);
            }
            byte[] err;
            try (InputStream in = Files.newInputStream(errors)) {
                err = in.readNBytes(64 * 1024);
            }
            return new Outcome(p.exitValue(), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, "op://" + vault, "op could not be started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, "op://" + vault, "interrupted while waiting for op");
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    // a temporary file of op's error text; the system cleans its temporary directory
                }
            }
        }
    }
}
