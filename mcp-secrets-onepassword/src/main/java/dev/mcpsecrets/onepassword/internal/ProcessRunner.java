package dev.mcpsecrets.onepassword.internal;

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
 * Runs one program with an argument list (no shell), a given environment, optional standard input and
 * a deadline. On timeout or interrupt the whole process tree is killed. Standard output is kept in a
 * buffer the caller wipes, since it holds secret values.
 */
final class ProcessRunner {
    /** Most stderr kept; op's messages are short. */
    private static final int STDERR_LIMIT = 16 * 1024;

    /** What a finished process left. */
    static final class Result {
        private final int exitCode;
        private final byte[] stdout;
        private final int stdoutLength;
        private final String stderr;

        Result(int exitCode, byte[] stdout, int stdoutLength, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stdoutLength = stdoutLength;
            this.stderr = stderr;
        }

        int exitCode() {
            return exitCode;
        }

        /** A copy of standard output; the caller wipes it. */
        byte[] stdout() {
            return Arrays.copyOf(stdout, stdoutLength);
        }

        String stderr() {
            return stderr;
        }

        /** Overwrites the captured standard output. */
        void wipe() {
            Arrays.fill(stdout, (byte) 0);
        }
    }

    /** The process did not finish within the deadline (it was killed) or could not be started. */
    static final class RunException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        RunException(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        boolean timedOut() {
            return timedOut;
        }
    }

    private ProcessRunner() {
    }

    /**
     * Runs {@code command}.
     *
     * @param command program and arguments; never a secret
     * @param environment the child's whole environment
     * @param stdin bytes to write to standard input, or {@code null} to close it at once
     * @param timeout how long the process may run
     * @return the result
     * @throws RunException if it could not start, timed out or the caller was interrupted
     */
    static Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout)
            throws RunException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RunException("cannot start " + command.get(0) + ": " + e.getClass().getSimpleName(), false, e);
        }
        Drain out = new Drain(process.getInputStream(), Integer.MAX_VALUE);
        Drain err = new Drain(process.getErrorStream(), STDERR_LIMIT);
        Thread outThread = daemon(out, "op-stdout");
        Thread errThread = daemon(err, "op-stderr");
        try {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the child may exit before reading its input; its exit code and stderr say why
            }
            if (!process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                killTree(process);
                out.wipe();
                throw new RunException(command.get(0) + " did not finish within " + timeout.toMillis() + " ms", true,
                        null);
            }
            outThread.join(1000);
            errThread.join(1000);
            return new Result(process.exitValue(), out.buffer(), out.length(),
                    new String(err.buffer(), 0, err.length(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            killTree(process);
            out.wipe();
            Thread.currentThread().interrupt();
            throw new RunException("interrupted while waiting for " + command.get(0), true, e);
        }
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

    /** Reads a stream to the end into a buffer that is wiped whenever it grows. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final int limit;
        private byte[] buf = new byte[256];
        private int len;

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

        synchronized byte[] buffer() {
            return buf;
        }

        synchronized int length() {
            return len;
        }

        synchronized void wipe() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
