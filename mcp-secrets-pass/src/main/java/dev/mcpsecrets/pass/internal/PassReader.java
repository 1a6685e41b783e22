package dev.mcpsecrets.pass.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.internal.process.BoundedProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link PassSecretProvider} does once first used: finds the entry file in the store and decrypts
 * it with {@code gpg --batch --decrypt}, never letting gpg wait for a pinentry (unless the user's
 * {@code PASSWORD_STORE_GPG_OPTS} chose loopback, which never waits either). At most four gpg runs at
 * once, so a burst of resolutions does not fork a burst of processes.
 */
final class PassReader {
    /** Created on first use: SLF4J starts only when there is something to log. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(PassSecretProvider.class);
    }

    private static final int MAX_ENTRY_BYTES = 1 << 20;
    /** gpg's status lines are short; this keeps plenty of them. */
    private static final int STDERR_LIMIT = 64 * 1024;
    private final Semaphore slots = new Semaphore(4, true);

    Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        PassEntry entry = PassEntry.parse(ref);
        String text = ref.format();
        Map<String, String> env = ctx.environment();
        Path gpg = PassSettings.gpg(env);
        if (gpg == null) {
            throw new SecretException(Reason.UNAVAILABLE, text,
                    "gpg is not on PATH: install GnuPG and pass (e.g. apt-get install pass gnupg)");
        }
        Path file = entryFile(entry, text, env);
        Duration left = ctx.remaining();
        if (left.isZero()) {
            throw new SecretException(Reason.TIMEOUT, text, "no time left to ask gpg");
        }
        BoundedProcess.Result run = decrypt(gpg, file, text, env, left);
        byte[] out = run.stdout();
        try {
            GpgStatus status = GpgStatus.of(run.exitCode(), run.stderr());
            if (status.outcome() != GpgStatus.Outcome.OK) {
                throw failure(status, text, file);
            }
            return select(out, entry, text);
        } finally {
            Arrays.fill(out, (byte) 0);
            run.wipe();
        }
    }

    /** The entry's file: NOT_FOUND when absent, DENIED when a link leads out of the store. */
    static Path entryFile(PassEntry entry, String text, Map<String, String> env) throws SecretException {
        Path store = PassSettings.storeDir(env);
        if (store == null || !Files.isDirectory(store)) {
            throw new SecretException(Reason.UNAVAILABLE, text, store == null
                    ? "no password store: neither PASSWORD_STORE_DIR nor HOME is set"
                    : "no password store at " + store + ": run 'pass init GPG-ID' or set PASSWORD_STORE_DIR");
        }
        Path file = store.resolve(entry.name() + ".gpg");
        if (!Files.isRegularFile(file)) {
            throw new SecretException(Reason.NOT_FOUND, text, Files.isDirectory(store.resolve(entry.name()))
                    ? "that name is a folder of the password store, not an entry"
                    : "no such entry in the password store");
        }
        try {
            if (!file.toRealPath().startsWith(store.toRealPath())) {
                throw new SecretException(Reason.DENIED, text,
                        "the entry file is a link that leads out of the password store; refused");
            }
        } catch (IOException e) {
            throw new SecretException(Reason.NOT_FOUND, text, "no such entry in the password store");
        }
        return file;
    }

    private BoundedProcess.Result decrypt(Path gpg, Path file, String text, Map<String, String> env, Duration left)
            throws SecretException {
        long start = System.nanoTime();
        try {
            if (!slots.tryAcquire(left.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SecretException(Reason.TIMEOUT, text, "gpg was busy with other entries until the deadline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException(Reason.TIMEOUT, text, "interrupted while waiting to run gpg");
        }
        try {
            Duration remaining = left.minusNanos(System.nanoTime() - start);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new SecretException(Reason.TIMEOUT, text, "no time left to ask gpg");
            }
            return BoundedProcess.run(decryptCommand(gpg, file, env), env, null, remaining, MAX_ENTRY_BYTES,
                    STDERR_LIMIT);
        } catch (BoundedProcess.Failure e) {
            throw new SecretException(e.timedOut() ? Reason.TIMEOUT : Reason.UNAVAILABLE, text, e.getMessage());
        } finally {
            slots.release();
        }
    }

    /** gpg, the user's options, then what keeps it from ever waiting for input. */
    static List<String> decryptCommand(Path gpg, Path file, Map<String, String> env) {
        List<String> user = PassSettings.gpgOptions(env);
        List<String> command = new ArrayList<>();
        command.add(gpg.toString());
        command.addAll(user);
        if (!choosesLoopback(user)) {
            // a later --pinentry-mode wins: no pinentry may open and wait, whatever gpg.conf says
            command.addAll(List.of("--pinentry-mode", "error"));
        }
        command.addAll(List.of("--batch", "--no-tty", "--status-fd", "2", "--decrypt", "--", file.toString()));
        return command;
    }

    private static boolean choosesLoopback(List<String> opts) {
        boolean loopback = false;
        for (int i = 0; i < opts.size(); i++) {
            String o = opts.get(i);
            if (o.equals("--pinentry-mode") && i + 1 < opts.size()) {
                loopback = opts.get(++i).equals("loopback");
            } else if (o.startsWith("--pinentry-mode=")) {
                loopback = o.endsWith("=loopback");
            }
        }
        return loopback;
    }

    private static SecretException failure(GpgStatus status, String text, Path file) {
        Log.LOG.debug("gpg could not decrypt {}: {} ({})", text, status.outcome(), status.summary());
        switch (status.outcome()) {
            case LOCKED:
                return new SecretException(Reason.LOCKED, text, "the GPG key needs its passphrase and gpg-agent has "
                        + "none cached; no prompt is opened here. Unlock it once in a terminal (pass show), or give "
                        + "gpg a passphrase file in PASSWORD_STORE_GPG_OPTS (--pinentry-mode loopback "
                        + "--passphrase-file FILE)");
            case NO_SECRET_KEY:
                return new SecretException(Reason.DENIED, text, "the entry is encrypted only for keys whose secret "
                        + "part is not in this GnuPG home (see the store's .gpg-id; re-encrypt with pass init)");
            case NOT_OPENPGP:
                return new SecretException(Reason.UNAVAILABLE, text, "the entry file is not OpenPGP data");
            case NOT_ENCRYPTED:
                return new SecretException(Reason.DENIED, text, "the entry file is not encrypted; refused");
            default:
                if (!Files.isRegularFile(file)) {
                    return new SecretException(Reason.NOT_FOUND, text, "no such entry in the password store");
                }
                return new SecretException(Reason.UNAVAILABLE, text, "gpg could not decrypt the entry ("
                        + status.summary() + ")");
        }
    }

    private static Secret select(byte[] utf8, PassEntry entry, String text) throws SecretException {
        char[] content = decode(utf8);
        char[] part = null;
        try {
            part = EntryText.select(content, entry);
            if (part == null) {
                throw new SecretException(Reason.NOT_FOUND, text, entry.field() != null
                        ? "the entry has no " + entry.describePart() + " (a 'NAME: value' line after the first)"
                        : "the entry has no " + entry.describePart());
            }
            if (part.length == 0) {
                throw new SecretException(Reason.NOT_FOUND, text, entry.describePart() + " of the entry is empty");
            }
            Secret raw = Secret.of(part);
            try {
                return raw.withOrigin("password store entry " + entry.name()
                        + (entry.field() == null && entry.line() == 1 ? "" : ", " + entry.describePart()));
            } finally {
                raw.destroy();
            }
        } finally {
            Arrays.fill(content, '\0');
            if (part != null) {
                Arrays.fill(part, '\0');
            }
        }
    }

    private static char[] decode(byte[] utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(utf8.length);
        decoder.decode(ByteBuffer.wrap(utf8), chars, true);
        decoder.flush(chars);
        char[] out = Arrays.copyOf(chars.array(), chars.position());
        Arrays.fill(chars.array(), '\0');
        return out;
    }
}
