package dev.mcpsecrets.examples.springai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The example server started as a child JVM, as an MCP client starts a stdio server. */
final class StdioServerProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allStdout = new ArrayList<>();
    private final Thread reader;

    private StdioServerProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::readStdout, "mcp-stdout-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the server with the test's class path and exactly these variables added.
     *
     * @param variables environment variables for the child
     * @param stderr where its stderr goes
     * @param args Spring Boot arguments
     * @return the running server
     * @throws IOException if it cannot be started
     */
    static StdioServerProcess start(Map<String, String> variables, Path stderr, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(List.of("-cp", classPath, SpringAiMcpServerApplication.class.getName()), variables, stderr, args);
    }

    /**
     * Starts the packaged server as a user runs it: {@code java -jar} on the repackaged jar.
     *
     * @param jar the executable jar
     * @param variables environment variables for the child
     * @param stderr where its stderr goes
     * @param args Spring Boot arguments
     * @return the running server
     * @throws IOException if it cannot be started
     */
    static StdioServerProcess startJar(Path jar, Map<String, String> variables, Path stderr, String... args)
            throws IOException {
        return start(List.of("-jar", jar.toString()), variables, stderr, args);
    }

    private static StdioServerProcess start(List<String> launch, Map<String, String> variables, Path stderr,
            String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(launch);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("GITHUB_PERSONAL_ACCESS_TOKEN");
        pb.environment().putAll(variables);
        pb.redirectError(stderr.toFile());
        return new StdioServerProcess(pb.start(), stderr);
    }

    /**
     * Writes one JSON-RPC message as one line.
     *
     * @param json the message
     * @throws IOException if the server's stdin is closed
     */
    void send(String json) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * The next stdout line.
     *
     * @param timeout how long to wait
     * @return the line
     * @throws InterruptedException if interrupted
     */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line on stdout within " + timeout + "; stderr:\n" + stderrText());
        }
        return line;
    }

    /**
     * Closes stdin (the client went away) and waits for the server to exit.
     *
     * @param timeout how long to wait
     * @return the exit code
     * @throws InterruptedException if interrupted
     */
    int closeStdinAndWait(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the server may have exited on its own
        }
        return waitFor(timeout);
    }

    /**
     * Waits for the server to exit.
     *
     * @param timeout how long to wait
     * @return the exit code
     * @throws InterruptedException if interrupted
     */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not exit within " + timeout);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /**
     * Every line the server wrote to stdout so far.
     *
     * @return the lines
     */
    List<String> stdout() {
        synchronized (allStdout) {
            return List.copyOf(allStdout);
        }
    }

    /**
     * What the server wrote to stderr so far.
     *
     * @return the text
     */
    String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (allStdout) {
                    allStdout.add(line);
                }
                lines.add(line);
            }
        } catch (IOException streamClosed) {
            // the process ended
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
