package dev.mcpsecrets.pass.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code gpg} or {@code pass}: an argument list (no shell), the caller's whole environment,
 * optional standard input and a deadline after which the process and its children are killed. Standard
 * output may hold a secret: it is kept in a buffer that is wiped whenever it grows and by {@link #wipe()}.
 * Standard error is kept only up to {@value #STDERR_LIMIT} bytes, for its {@code [GNUPG:]} status lines.
 */
final class ToolRun {
    private static final int STDERR_LIMIT = 64 * 1024;

    /** The process could not start, or did not finish within the deadline (it was killed). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        Failure(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    private final int exitCode;
    private final Drain stdout;
    private final String stderr;

    private ToolRun(int exitCode, Drain stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Runs a command to its end.
     *
     * @param command program and arguments; never a secret
     * @param environment the child's whole environment
     * @param stdin bytes for standard input (the caller wipes them), or {@code null} to close it at once
     * @param timeout how long the process may run
     * @param stdoutLimit most bytes of standard output kept; more fails the run
     * @return the finished run
     * @throws Failure if it could not start, timed out, wrote too much, or the caller was interrupted
     */
    static ToolRun run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            int stdoutLimit) throws Failure {
        String program = shortName(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("cannot start " + program + " (" + e.getClass().getSimpleName() + ")", false);
        }
        Drain out = new Drain(process.getInputStream(), stdoutLimit);
        Drain err = new Drain(process.getErrorStream(), STDERR_LIMIT);
        Thread outThread = daemon(out, program + "-stdout");
        Thread errThread = daemon(err, program + "-stderr");
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the child may exit before reading its input; its exit code says why
            }
            if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                killTree(process);
                out.wipe();
                throw new Failure(program + " did not finish within " + timeout.toMillis() + " ms; it was stopped", true);
            }
            outThread.join(2000);
            errThread.join(2000);
            if (out.overflowed()) {
                out.wipe();
                throw new Failure(program + " wrote more than " + stdoutLimit + " bytes", false);
            }
            return new ToolRun(process.exitValue(), out, err.text());
        } catch (InterruptedException e) {
            killTree(process);
            out.wipe();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for " + program, true);
        }
    }

    int exitCode() {
        return exitCode;
    }

    /** A copy of standard output; the caller wipes it. */
    byte[] stdout() {
        return stdout.copy();
    }

    /** Standard error as text; only status lines may be taken from it, never copied into messages. */
    String stderr() {
        return stderr;
    }

    /** Overwrites the captured standard output. */
    void wipe() {
        stdout.wipe();
    }

    private static String shortName(String program) {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reads a stream to its end into a buffer that is wiped whenever it grows; keeps at most {@code limit} bytes. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int limit;
        private byte[] buf = new byte[512];
        private int len;
        private boolean overflowed;

        Drain(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[4096];
            try (InputStream stream = in) {
                int n;
                while ((n = stream.read(chunk)) > 0) {
                    append(chunk, n);
                }
            } catch (IOException e) {
                // the process was killed; what was read so far is kept
            } finally {
                Arrays.fill(chunk, (byte) 0);
            }
        }

        private synchronized void append(byte[] chunk, int n) {
            int keep = Math.min(n, limit - len);
            if (keep < n) {
                overflowed = true;
            }
            if (keep <= 0) {
                return;
            }
            if (len + keep > buf.length) {
                byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, len + keep));
                Arrays.fill(buf, (byte) 0);
                buf = bigger;
            }
            System.arraycopy(chunk, 0, buf, len, keep);
            len += keep;
        }

        synchronized boolean overflowed() {
            return overflowed;
        }

        synchronized byte[] copy() {
            return Arrays.copyOf(buf, len);
        }

        synchronized String text() {
            return new String(buf, 0, len, StandardCharsets.UTF_8);
        }

        synchronized void wipe() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
