package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the {@code git} command (argument lists, never a shell) with a deadline. The user's
 * global config and excludes apply (HOME is the file-system view's home), but nothing a repository
 * configures can run a program: external diff, textconv, pager and fsmonitor are switched off.
 */
final class GitCli {
    private static final List<String> SAFE = List.of("git", "--no-pager", "-c", "core.fsmonitor=false", "-c",
            "core.quotepath=off", "-c", "diff.external=", "-c", "core.pager=cat");

    private final FileSystemView view;
    private final Duration timeout;
    private final String program;

    GitCli(FileSystemView view, Duration timeout) {
        this(view, timeout, "git");
    }

    /** With another program name than {@code git} (tests: a machine without git). */
    GitCli(FileSystemView view, Duration timeout, String program) {
        this.view = view;
        this.timeout = timeout;
        this.program = program;
    }

    /**
     * The top directory of the work tree holding a directory.
     *
     * @param dir a directory
     * @return the work tree, or empty when the directory is in none
     * @throws IOException if git cannot be started or does not answer before the deadline: the
     *     checks then fail (closed) instead of reporting a clean repository
     */
    Optional<Path> workTree(Path dir) throws IOException {
        if (!java.nio.file.Files.isDirectory(dir) || !insideRepository(dir)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        int code = run(dir, List.of("rev-parse", "--show-toplevel"), out::add);
        return code == 0 && !out.isEmpty() ? Optional.of(Path.of(out.get(0)).toAbsolutePath().normalize())
                : Optional.empty();
    }

    /** Whether a {@code .git} directory or file exists here or above: without one, git is not asked. */
    private static boolean insideRepository(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (java.nio.file.Files.exists(d.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs git and streams its standard output line by line.
     *
     * @param dir the working directory
     * @param args the arguments after {@code git}
     * @param lines receives each line
     * @return the exit code
     * @throws IOException if git cannot be started, or did not finish before the deadline
     */
    int run(Path dir, List<String> args, Consumer<String> lines) throws IOException {
        List<String> command = new ArrayList<>(SAFE);
        command.set(0, program);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("HOME", view.home().toString());
        env.put("XDG_CONFIG_HOME", view.configHome().toString());
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("LC_ALL", "C");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new NotInstalled(e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.atomic.AtomicBoolean killedAtDeadline = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killedAtDeadline.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "git-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    process.destroyForcibly();
                    throw new InterruptedIOException("git " + args.get(0) + " interrupted");
                }
                lines.accept(line);
            }
            process.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("git " + args.get(0) + " interrupted");
        } catch (UncheckedIOException e) {
            process.destroyForcibly();
            throw e.getCause();
        } catch (IOException e) {
            process.destroyForcibly();
            if (!killedAtDeadline.get()) {
                throw e;
            }
            // killing git at the deadline closes its output under the reader: that is the timeout
        } finally {
            watchdog.interrupt();
        }
        if (killedAtDeadline.get() || process.isAlive() || System.nanoTime() > deadline) {
            process.destroyForcibly();
            throw new IOException("git " + args.get(0) + " did not finish within " + timeout.toSeconds() + " s in " + dir);
        }
        return process.exitValue();
    }

    /** git could not be started: it is not installed or not on the PATH. The checks say what they did not check. */
    static final class NotInstalled extends IOException {
        private static final long serialVersionUID = 1L;

        NotInstalled(IOException cause) {
            super("git could not be started (is it installed and on the PATH?)", cause);
        }
    }

    /**
     * A note that a check did not run because git is missing: the run is not clean for that check, but git's absence
     * is a fact of the machine, not a risk in the configs.
     *
     * @param ruleId the check's rule
     * @param notChecked what was not checked
     * @return an informational finding
     */
    static dev.mcpsecrets.policy.Finding notInstalled(String ruleId, String notChecked) {
        return dev.mcpsecrets.policy.Finding.builder(ruleId, dev.mcpsecrets.policy.Severity.INFO)
                .title("git is not available")
                .message("git could not be started (not installed or not on the PATH), so " + notChecked
                        + " was not checked")
                .remediation("Install git (or add it to the PATH) and run the audit again.")
                .fingerprintHint("git-not-installed")
                .build();
    }

    /**
     * The timeout from a context option.
     *
     * @param option the option value in seconds
     * @param fallback the default
     * @return the timeout
     */
    static Duration timeout(Optional<String> option, Duration fallback) {
        try {
            return option.map(s -> Duration.ofMillis((long) (Double.parseDouble(s) * 1000))).filter(d -> !d.isNegative()
                    && !d.isZero()).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option git.timeoutSeconds must be a number of seconds, not '"
                    + option.orElse("") + "'", e);
        }
    }
}
