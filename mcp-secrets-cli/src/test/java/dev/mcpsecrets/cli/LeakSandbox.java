package dev.mcpsecrets.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One throw-away world for a leak-hunting try: a temporary HOME with its own XDG directories, a D-Bus
 * session address that points at a socket that does not exist (so no keyring is ever reached), an empty
 * PATH, and a fixed stub program that {@code run} may start. Commands run in-process with
 * {@code System.in}, {@code System.out} and {@code System.err} swapped for buffers, so what the command
 * prints through picocli, what anything prints on the process streams, and every SLF4J line
 * (slf4j-simple writes to whatever {@code System.err} is at the time) are all captured.
 */
final class LeakSandbox implements AutoCloseable {
    /** The process streams are global: one in-process command at a time. */
    private static final Object STREAMS = new Object();

    static {
        // effective only when no SLF4J logger exists yet in this JVM; otherwise slf4j-simple's default (INFO) holds
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        System.setProperty("org.slf4j.simpleLogger.log.dev.mcpsecrets", "debug");
    }

    final Path root;
    final Path home;
    final Path work;
    final Path configHome;
    final Path dotenvDir;
    /** An executable (outside the sandbox) that ignores its arguments and environment and exits {@link #STUB_EXIT}. */
    final Path stub;
    private final Map<String, String> variables = new LinkedHashMap<>();

    static final int STUB_EXIT = 42;

    private LeakSandbox(Path root) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.work = Files.createDirectories(root.resolve("work"));
        this.configHome = root.resolve("xdg-config");
        this.dotenvDir = Files.createDirectories(root.resolve("dotenv"));
        Files.setPosixFilePermissions(dotenvDir, PosixFilePermissions.fromString("rwx------"));
        this.stub = Stub.PATH;
        variables.put("HOME", home.toString());
        variables.put("USER", "leakhunt");
        variables.put("LOGNAME", "leakhunt");
        variables.put("PATH", "");
        // the XDG directories are created by whatever writes there
        variables.put("XDG_CONFIG_HOME", configHome.toString());
        variables.put("XDG_DATA_HOME", root.resolve("xdg-data").toString());
        variables.put("XDG_STATE_HOME", root.resolve("xdg-state").toString());
        variables.put("XDG_CACHE_HOME", root.resolve("xdg-cache").toString());
        variables.put("XDG_RUNTIME_DIR", root.resolve("xdg-runtime").toString());
        variables.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + root.resolve("no-bus").resolve("socket"));
        variables.put("MCP_SECRETS_DOTENV_DIR", dotenvDir.toString());
        variables.put("NO_COLOR", "1");
    }

    /** The stub server, written once per JVM: it is fixed, and never generated text. */
    private static final class Stub {
        static final Path PATH = create();

        private Stub() {
        }

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("leakhunt-bin");
                Path stub = dir.resolve("stub-server");
                Files.writeString(stub, "#!/bin/sh\nexit " + STUB_EXIT + "\n", StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("r-x------"));
                dir.toFile().deleteOnExit();
                stub.toFile().deleteOnExit();
                return stub;
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the stub server", e);
            }
        }
    }

    static LeakSandbox create() {
        try {
            return new LeakSandbox(Files.createTempDirectory("leakhunt"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the sandbox", e);
        }
    }

    /** Adds or replaces an environment variable the commands see. */
    LeakSandbox variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    Map<String, String> environment() {
        return new HashMap<>(variables);
    }

    /** Writes a file below the sandbox root (parents created), returning its absolute path. */
    Path write(String relative, byte[] content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + relative, e);
        }
    }

    Path write(String relative, String content) {
        return write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    Path privateFile(String relative, byte[] content) {
        Path file = write(relative, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot restrict " + relative, e);
        }
        return file;
    }

    /** Runs the command in-process with nothing on stdin. */
    Outcome run(String... args) {
        return run(new byte[0], List.of(), args);
    }

    /**
     * Runs the command in-process.
     *
     * @param stdin what the command reads from {@code System.in}
     * @param reports files the command was asked to write (e.g. {@code audit -o}); their text is captured
     * @param args the arguments
     */
    Outcome run(byte[] stdin, List<Path> reports, String... args) {
        synchronized (STREAMS) {
            InputStream in = System.in;
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream processOut = new ByteArrayOutputStream();
            ByteArrayOutputStream processErr = new ByteArrayOutputStream();
            StringWriter cliOut = new StringWriter();
            StringWriter cliErr = new StringWriter();
            int code;
            try {
                System.setIn(new ByteArrayInputStream(stdin));
                System.setOut(new PrintStream(processOut, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
                code = Main.run(args.clone(), new PrintWriter(cliOut, true), new PrintWriter(cliErr, true), environment());
            } finally {
                System.out.flush();
                System.err.flush();
                System.setIn(in);
                System.setOut(out);
                System.setErr(err);
            }
            Map<String, String> channels = new LinkedHashMap<>();
            channels.put("stdout", cliOut.toString());
            channels.put("stderr", cliErr.toString());
            channels.put("System.out", processOut.toString(StandardCharsets.UTF_8));
            channels.put("System.err and SLF4J log", processErr.toString(StandardCharsets.UTF_8));
            for (Path report : reports) {
                channels.put("report file " + report.getFileName(), readIfPresent(report));
            }
            return new Outcome(List.of(args), code, channels);
        }
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the sandbox " + root, e);
        }
    }

    /**
     * What one command left behind: its exit code and the text of every channel.
     *
     * @param args the arguments it was given
     * @param exitCode its exit code
     * @param channels channel name to captured text (stdout, stderr, process streams and logs, report files)
     */
    record Outcome(List<String> args, int exitCode, Map<String, String> channels) {
        Outcome {
            args = List.copyOf(args);
            channels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        }

        /** Every channel's text in one string, for messages. */
        String all() {
            List<String> parts = new ArrayList<>();
            channels.forEach((k, v) -> parts.add("[" + k + "] " + v));
            return String.join("\n", parts);
        }
    }
}
