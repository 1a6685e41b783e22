package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.internal.mask.MaskEntry;
import dev.mcpsecrets.api.internal.mask.MaskKeys;
import dev.mcpsecrets.api.internal.mask.MaskTable;
import dev.mcpsecrets.api.internal.mask.MaskingOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --redact}: the child's stderr, and with {@code --redact-stdout} its stdout, reach ours through
 * a pipe and a masker instead of being inherited. The masker is made from the resolved values before they
 * are destroyed and keeps only keyed hashes of them (see {@code SecretMasker}), so {@code run} holds no
 * value while the child runs.
 *
 * <p>Bytes go on as soon as they are read, except a tail that may still grow into a value (held until the
 * next read decides it, a line end, or the end of the stream). Stdout is masked only inside JSON strings,
 * so each JSON-RPC message stays valid and its line framing is kept.
 */
final class RedactedOutput {
    /** Which of the child's streams {@code run} masks. */
    enum Streams {
        /** None: all three are inherited (the default). */
        NONE,
        /** {@code --redact}: stderr. */
        STDERR,
        /** {@code --redact-stdout}: stderr, and stdout inside JSON strings. */
        STDERR_AND_STDOUT
    }

    private static final Logger LOG = LoggerFactory.getLogger(RedactedOutput.class);
    /** How long the copies may take to reach the end of the child's streams once it has exited. */
    private static final long DRAIN_MILLIS = 2000;

    private final boolean stdout;
    private final MaskTable table;
    private final List<Thread> pumps = new ArrayList<>(2);

    private RedactedOutput(boolean stdout, MaskTable table) {
        this.stdout = stdout;
        this.table = table;
    }

    /**
     * Prints the values (each under its variable's name) while they are still alive.
     *
     * @param streams which streams are masked
     * @param secrets the resolved values by variable name; not changed
     * @return the copies to start, or {@code null} for {@link Streams#NONE}
     */
    static RedactedOutput of(Streams streams, Map<String, Secret> secrets) {
        if (streams == Streams.NONE) {
            return null;
        }
        MaskKeys keys = MaskKeys.random();
        List<MaskEntry> entries = new ArrayList<>(secrets.size());
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            char[] value = e.getValue().revealChars();
            try {
                MaskEntry entry = MaskEntry.of(keys, e.getKey(), value);
                if (entry.masks()) {
                    entries.add(entry);
                } else {
                    LOG.warn("the value of {} has fewer than 4 characters; --redact does not mask it", entry.name());
                }
            } finally {
                Arrays.fill(value, '\0');
            }
        }
        return new RedactedOutput(streams == Streams.STDERR_AND_STDOUT, MaskTable.of(keys, entries));
    }

    /** Pipes the streams that are masked; the others stay inherited. */
    void redirect(ProcessBuilder pb) {
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        if (stdout) {
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
    }

    /** Starts copying the child's piped streams to ours. */
    void start(Process child) {
        pumps.add(pump("mcp-secrets-redact-stderr", child.getErrorStream(), FileDescriptor.err, false));
        if (stdout) {
            pumps.add(pump("mcp-secrets-redact-stdout", child.getInputStream(), FileDescriptor.out, true));
        }
    }

    /**
     * Waits, briefly, until the copies have written everything the child wrote: its streams end when it
     * exits, unless a process it started holds them open.
     */
    void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (Thread t : pumps) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
            if (t.isAlive()) {
                LOG.info("{}: a process the command started still holds the stream open; not waiting for it", t.getName());
            }
        }
    }

    private Thread pump(String name, InputStream from, FileDescriptor to, boolean json) {
        // our own descriptor, unbuffered: every masked piece is written when it is decided
        OutputStream target = new FileOutputStream(to);
        MaskingOutputStream masked = new MaskingOutputStream(target, () -> table, json);
        Thread t = new Thread(() -> copy(from, masked), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void copy(InputStream from, MaskingOutputStream to) {
        byte[] buf = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
            }
            to.finish();
        } catch (IOException e) {
            // our side of the stream is gone (the client closed it): closing the pipe gives the child the
            // broken pipe it would have seen on an inherited stream
            LOG.info("copying the command's output stopped: {}", e.getClass().getSimpleName());
        } finally {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
