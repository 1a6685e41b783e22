package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Secret;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the server as a direct child (no shell), with the secrets only in its environment and the
 * three standard streams inherited as file descriptors (so bytes pass untouched), and waits for it.
 *
 * <p>Signals: Java offers no supported API to handle or forward a particular signal. INT, TERM and
 * HUP make the JVM run its shutdown hooks; ours sends TERM to the child (through its process handle),
 * waits for it to finish (then KILL after a grace period) and exits with the child's code. So the child
 * sees TERM where the user sent INT or HUP; KILL and STOP cannot be caught, QUIT makes the JVM print a
 * thread dump, and USR1, USR2, WINCH and CONT are not forwarded. A terminal's Ctrl-C reaches the child
 * directly anyway, because it stays in the same process group. The launcher runs the JVM with
 * {@code -XX:+DisplayVMOutputToStderr}, so the thread dump QUIT prints goes to stderr, never into the
 * child's stdout (the JSON-RPC stream).
 *
 * <p>A stdin that was closed when {@code run} started is given to the child as {@code /dev/null}.
 *
 * <p>With {@code --redact} the child's stderr (and with {@code --redact-stdout} its stdout) is a pipe that
 * {@link RedactedOutput} copies to ours through a masker; signals and exit codes are handled as above, and
 * the copies are drained before {@code run} exits.
 */
final class ChildProcess {
    static final int NOT_EXECUTABLE = 126;
    static final int NOT_FOUND = 127;
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final long GRACE_SECONDS = 10;

    private ChildProcess() {
    }

    /**
     * Runs the command to completion.
     *
     * @param command program and arguments; the program is looked up on the PATH of {@code environment}
     * @param directory the working directory, or {@code null} for this process's
     * @param environment the child's complete environment except the secrets
     * @param secrets variables to add; destroyed once the child has started
     * @param redacted which of the child's streams are masked
     * @return the child's exit code
     */
    static int run(List<String> command, Path directory, Map<String, String> environment, Map<String, Secret> secrets,
            RedactedOutput.Streams redacted) throws InterruptedException {
        Path program;
        try {
            program = locate(command.get(0), environment.get("PATH"), directory);
        } catch (CliException e) {
            secrets.values().forEach(Secret::destroy);
            throw e;
        }
        RedactedOutput output;
        try {
            checkEnvironment(environment, secrets);
            output = RedactedOutput.of(redacted, secrets);
        } catch (CliException e) {
            secrets.values().forEach(Secret::destroy);
            throw e;
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        if (output != null) {
            output.redirect(pb);
        }
        if (StandardInput.wasClosed()) {
            // started with stdin closed: descriptor 0 is now a JDK file, which the child must not read as input
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        Map<String, String> childEnv = pb.environment();
        childEnv.clear();
        childEnv.putAll(environment);
        secrets.forEach((name, secret) -> childEnv.put(name, secret.revealAsString()));
        Termination termination = new Termination(output);
        Thread forwarder = new Thread(termination::forwardAndExit, "mcp-secrets-forward-termination");
        // registered before the start, so a signal arriving just after it still reaches the child
        Runtime.getRuntime().addShutdownHook(forwarder);
        try {
            Process child;
            try {
                child = termination.start(pb, program);
            } finally {
                childEnv.clear();
                secrets.values().forEach(Secret::destroy);
            }
            LOG.info("started {} as pid {}", program, child.pid());
            try {
                int code = child.waitFor();
                if (output != null) {
                    output.drain();
                }
                return code;
            } catch (InterruptedException e) {
                terminate(child);
                throw e;
            }
        } finally {
            removeHook(forwarder);
        }
    }

    /**
     * Refuses what no process environment can hold, before anything is handed to the
     * {@link ProcessBuilder}: it would reject a NUL in a value with a message quoting the value. The
     * variable is named (names are not secrets), the value never.
     */
    static void checkEnvironment(Map<String, String> environment, Map<String, Secret> secrets) {
        for (Map.Entry<String, Secret> e : secrets.entrySet()) {
            checkName(e.getKey());
            char[] value = e.getValue().revealChars();
            try {
                for (char c : value) {
                    if (c == '\0') {
                        throw nulInValue(e.getKey());
                    }
                }
            } finally {
                java.util.Arrays.fill(value, '\0');
            }
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            checkName(e.getKey());
            if (e.getValue().indexOf('\0') >= 0) {
                throw nulInValue(e.getKey());
            }
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new CliException(RunCommand.FAILED_BEFORE_START, "not started: the environment variable name '"
                    + name + "' cannot be set (empty, or holds '=' or a NUL character)");
        }
    }

    private static CliException nulInValue(String name) {
        return new CliException(RunCommand.FAILED_BEFORE_START, "not started: the value for " + name
                + " contains a NUL character, which no process environment can hold (value not shown)");
    }

    /** Hands the child to the shutdown hook; no child is started once termination has begun. */
    private static final class Termination {
        private final RedactedOutput output;
        private Process child;
        private boolean terminating;

        Termination(RedactedOutput output) {
            this.output = output;
        }

        synchronized Process start(ProcessBuilder pb, Path program) {
            if (terminating) {
                throw new CliException(RunCommand.FAILED_BEFORE_START, "terminated before " + program + " started");
            }
            try {
                child = pb.start();
                if (output != null) {
                    output.start(child);
                }
                return child;
            } catch (IOException e) {
                throw new CliException(NOT_EXECUTABLE, "cannot execute " + program + " (" + firstLine(e.getMessage()) + ")");
            }
        }

        void forwardAndExit() {
            Process p;
            synchronized (this) {
                terminating = true;
                p = child;
            }
            if (p == null || !p.isAlive()) {
                return; // not started, or a normal exit: the main thread already has the code
            }
            LOG.info("terminating: forwarding TERM to pid {}", p.pid());
            terminate(p);
            if (output != null) {
                try {
                    output.drain(); // what the child printed on its way out is masked and written before we halt
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // halt, not exit: we are inside a shutdown hook, and the child's code must be ours
            Runtime.getRuntime().halt(p.isAlive() ? RunCommand.FAILED_BEFORE_START : p.exitValue());
        }
    }

    /**
     * Finds the program as execvp would in the child, so 126 and 127 can be told apart: on the child's PATH,
     * and a relative name or PATH entry in the child's working directory.
     *
     * @param directory the child's working directory, or {@code null} for this process's
     */
    static Path locate(String name, String path, Path directory) {
        if (name.isEmpty()) {
            throw new CliException(NOT_FOUND, "empty command name");
        }
        if (name.contains("/")) {
            Path p = absolute(Path.of(name), directory);
            if (!Files.exists(p)) {
                throw new CliException(NOT_FOUND, name + ": command not found");
            }
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                throw new CliException(NOT_EXECUTABLE, name + ": not executable");
            }
            return p;
        }
        Path nonExecutable = null;
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator, -1)) {
            Path p = absolute(Path.of(dir.isEmpty() ? "." : dir, name), directory);
            if (Files.isRegularFile(p)) {
                if (Files.isExecutable(p)) {
                    return p;
                }
                nonExecutable = nonExecutable == null ? p : nonExecutable;
            }
        }
        if (nonExecutable != null) {
            throw new CliException(NOT_EXECUTABLE, nonExecutable + ": not executable");
        }
        throw new CliException(NOT_FOUND, name + ": command not found on PATH");
    }

    private static Path absolute(Path p, Path directory) {
        return p.isAbsolute() || directory == null ? p.toAbsolutePath() : directory.resolve(p).toAbsolutePath();
    }

    /**
     * TERM, then KILL after the grace period. Through the process handle: {@link Process#destroy()} also
     * closes our ends of the child's pipes, and under {@code --redact} what the child prints on its way out
     * must still be read and masked.
     */
    private static void terminate(Process child) {
        ProcessHandle handle = child.toHandle();
        handle.destroy();
        try {
            if (!child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and will exit with the child's code
            LOG.debug("shutdown in progress");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : ErrorHandler.oneLine(s);
    }
}
