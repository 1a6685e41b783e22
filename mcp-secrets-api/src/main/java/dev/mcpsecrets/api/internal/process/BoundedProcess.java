package dev.mcpsecrets.api.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external program that backs a provider ({@code op}, {@code gpg}, {@code pass}): an
 * argument list (no shell), the caller's whole environment, optional standard input and a deadline after
 * which the process and its children are killed. Standard output may hold a secret: it is kept in a buffer
 * that is wiped whenever it grows, on failure, and by {@link Result#wipe()}. Both outputs are kept only up
 * to a limit; more standard output than its limit fails the run, more standard error is dropped.
 */
public final class BoundedProcess {
    /** How long the output readers may take to finish once the process has exited. */
    private static final long DRAIN_JOIN_MILLIS = 2000;

    private BoundedProcess() {
    }

    /** What a finished process left. */
    public static final class Result {
        private final int exitCode;
        private final OutputDrain stdout;
        private final String stderr;

        private Result(int exitCode, OutputDrain stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /**
         * The exit code.
         *
         * @return the process's exit code
         */
        public int exitCode() {
            return exitCode;
        }

        /**
         * A copy of standard output.
         *
         * @return the bytes written, which the caller wipes
         */
        public byte[] stdout() {
            return stdout.copy();
        }

        /**
         * Standard error as UTF-8 text, up to its limit. It may name what the program was given: callers
         * take only what they recognise from it and never copy it whole into messages.
         *
         * @return the text
         */
        public String stderr() {
            return stderr;
        }

        /** Overwrites the captured standard output. */
        public void wipe() {
            stdout.wipe();
        }
    }

    /** The process could not start, did not finish within the deadline (it was killed) or wrote too much. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;

        private Failure(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /**
         * Whether the deadline (or an interrupt) ended the run, rather than a start failure or too much output.
         *
         * @return true for a timeout or interrupt
         */
        public boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * Runs a command to its end. The messages of a {@link Failure} name the program by its file name only.
     *
     * @param command program and arguments; never a secret
     * @param environment the child's whole environment
     * @param stdin bytes for standard input (the caller wipes them), or {@code null} to close it at once
     * @param timeout how long the process may run
     * @param stdoutLimit most bytes of standard output kept; more fails the run
     * @param stderrLimit most bytes of standard error kept; the rest is read and dropped
     * @return the finished run
     * @throws Failure if it could not start, timed out, wrote too much, or the caller was interrupted
     */
    public static Result run(List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout,
            int stdoutLimit, int stderrLimit) throws Failure {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        String program = shortName(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new Failure("cannot start " + program + " (" + e.getClass().getSimpleName() + ")", false, e);
        }
        OutputDrain out = new OutputDrain(process.getInputStream(), stdoutLimit);
        OutputDrain err = new OutputDrain(process.getErrorStream(), stderrLimit);
        Thread outThread = daemon(out, program + "-stdout");
        Thread errThread = daemon(err, program + "-stderr");
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
                throw new Failure(program + " did not finish within " + timeout.toMillis() + " ms; it was stopped",
                        true, null);
            }
            outThread.join(DRAIN_JOIN_MILLIS);
            errThread.join(DRAIN_JOIN_MILLIS);
            if (out.overflowed()) {
                out.wipe();
                throw new Failure(program + " wrote more than " + stdoutLimit + " bytes", false, null);
            }
            return new Result(process.exitValue(), out, err.text());
        } catch (InterruptedException e) {
            killTree(process);
            out.wipe();
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while waiting for " + program, true, e);
        }
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
}
