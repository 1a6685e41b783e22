package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.Availability;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.internal.process.BoundedProcess;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes and removes entries through the {@code pass} program, so that recipients ({@code .gpg-id}),
 * git commits and hooks behave as they do for {@code pass insert} and {@code pass rm}. The value goes to
 * {@code pass insert --multiline} on standard input, never on its command line.
 */
public final class PassWriter {
    /** pass insert and rm print little; their output is never used beyond the exit code. */
    private static final int OUTPUT_LIMIT = 64 * 1024;

    private final Map<String, String> env;
    private final Duration timeout;

    /**
     * A writer for an environment.
     *
     * @param env where PATH, the store and GnuPG home are read; the programs' whole environment
     * @param timeout the deadline of each program run
     */
    public PassWriter(Map<String, String> env, Duration timeout) {
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /**
     * Whether entries can be written: pass and gpg on PATH and an initialised store.
     *
     * @return the availability
     */
    public Availability availability() {
        Availability read = PassSettings.readAvailability(env);
        if (PassSettings.program(env, "pass") == null) {
            return Availability.unavailable(Reason.UNAVAILABLE,
                    "pass is not on PATH: install it (e.g. apt-get install pass gnupg)");
        }
        if (!read.available()) {
            return read;
        }
        Path store = PassSettings.storeDir(env);
        if (!Files.isRegularFile(store.resolve(".gpg-id"))) {
            return Availability.unavailable(Reason.UNAVAILABLE, "the password store at " + store
                    + " is not initialised: run 'pass init GPG-ID'");
        }
        return Availability.available("password store at " + store + " (pass " + PassSettings.program(env, "pass")
                + ")");
    }

    /**
     * Whether an entry exists.
     *
     * @param name the entry name
     * @return true if its file exists
     * @throws SecretException MALFORMED for a bad name, UNAVAILABLE without a store
     */
    public boolean exists(String name) throws SecretException {
        PassEntry entry = entry(name);
        try {
            PassReader.entryFile(entry, entry.text(), env);
            return true;
        } catch (SecretException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores a value: its characters as UTF-8 and a final line break (as {@code pass insert} writes a
     * typed password), so that the first line is the value when it is one line.
     *
     * @param name the entry name
     * @param value the characters; not empty
     * @param overwrite whether an existing entry may be replaced
     * @throws SecretException MALFORMED for a bad name; DENIED if it exists and overwrite is false;
     *     UNAVAILABLE or TIMEOUT when pass fails or is too slow
     */
    public void put(String name, char[] value, boolean overwrite) throws SecretException {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty value; nothing written");
        }
        PassEntry entry = entry(name);
        String text = entry.text();
        String pass = passProgram(text);
        if (exists(name) && !overwrite) {
            throw new SecretException(Reason.DENIED, text,
                    "an entry of that name exists; nothing written (overwrite not requested)");
        }
        requireRecipients(entry, text);
        List<String> command = new ArrayList<>(List.of(pass, "insert", "--multiline"));
        if (overwrite) {
            command.add("--force");
        }
        command.addAll(List.of("--", name));
        byte[] stdin = utf8WithFinalNewline(value);
        try {
            BoundedProcess.Result run = run(command, stdin, text);
            run.wipe();
            if (run.exitCode() != 0 || !exists(name)) {
                throw new SecretException(Reason.UNAVAILABLE, text, "pass insert failed (exit " + run.exitCode()
                        + "); check that gpg can encrypt to the recipients in the store's .gpg-id");
            }
        } finally {
            Arrays.fill(stdin, (byte) 0);
        }
    }

    /**
     * Removes an entry (not a folder).
     *
     * @param name the entry name
     * @return true if it existed and was removed, false if there was none
     * @throws SecretException MALFORMED for a bad name; UNAVAILABLE or TIMEOUT when pass fails or is too slow
     */
    public boolean remove(String name) throws SecretException {
        PassEntry entry = entry(name);
        String text = entry.text();
        String pass = passProgram(text);
        if (!exists(name)) {
            return false;
        }
        BoundedProcess.Result run = run(List.of(pass, "rm", "--force", "--", name), null, text);
        run.wipe();
        if (run.exitCode() != 0 || exists(name)) {
            throw new SecretException(Reason.UNAVAILABLE, text, "pass rm failed (exit " + run.exitCode() + ")");
        }
        return true;
    }

    @Override
    public String toString() {
        return "PassWriter[store=" + PassSettings.storeDir(env) + ", timeout=" + timeout.toMillis() + "ms]";
    }

    /** A bad name is never repeated: it came from a program argument, where a pasted value may land. */
    private static PassEntry entry(String name) throws SecretException {
        String problem = PassEntry.nameProblem(name);
        if (problem != null) {
            throw new SecretException(Reason.MALFORMED, null, "bad entry name: " + problem);
        }
        return new PassEntry(name, null, 1);
    }

    private String passProgram(String text) throws SecretException {
        Path pass = PassSettings.program(env, "pass");
        if (pass == null) {
            throw new SecretException(Reason.UNAVAILABLE, text,
                    "pass is not on PATH: install it (e.g. apt-get install pass gnupg)");
        }
        return pass.toString();
    }

    /** pass encrypts to the nearest .gpg-id above the entry; without one it cannot write. */
    private void requireRecipients(PassEntry entry, String text) throws SecretException {
        Path store = PassSettings.storeDir(env);
        Path dir = store.resolve(entry.name()).getParent();
        while (dir != null && dir.startsWith(store)) {
            if (Files.isRegularFile(dir.resolve(".gpg-id"))) {
                return;
            }
            dir = dir.getParent();
        }
        throw new SecretException(Reason.UNAVAILABLE, text,
                "the password store is not initialised (no .gpg-id): run 'pass init GPG-ID'");
    }

    private BoundedProcess.Result run(List<String> command, byte[] stdin, String text) throws SecretException {
        try {
            return BoundedProcess.run(command, env, stdin, timeout, OUTPUT_LIMIT, OUTPUT_LIMIT);
        } catch (BoundedProcess.Failure e) {
            throw new SecretException(e.timedOut() ? Reason.TIMEOUT : Reason.UNAVAILABLE, text, e.getMessage());
        }
    }

    private static byte[] utf8WithFinalNewline(char[] value) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        boolean newline = value[value.length - 1] == '\n';
        byte[] bytes = new byte[encoded.remaining() + (newline ? 0 : 1)];
        encoded.get(bytes, 0, encoded.remaining());
        if (!newline) {
            bytes[bytes.length - 1] = '\n';
        }
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
