package dev.mcpsecrets.policy.checks.internal.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Claude Desktop's MCP logs say about each server, without keeping a word of what the server wrote:
 * the last start, and the time, file and line of each error. Lines look like
 * {@code 2025-07-20T00:10:07.796Z [github] [info] Initializing server... { metadata: undefined }} in
 * {@code mcp-server-NAME.log} and in {@code mcp.log}; only the timestamp, the bracketed server name and the
 * level are read, and only the first {@value #PREFIX_BYTES} bytes of a line are looked at.
 */
public final class ServerLogActivity {
    private static final int PREFIX_BYTES = 512;
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z) \\[([^\\]\\n]{1,200})\\] \\[(info|warn|warning|error|debug)\\] (.{0,40})");
    private static final String START = "Initializing server";

    /**
     * One place in a log.
     *
     * @param time when
     * @param file the log file
     * @param line the line (from 1)
     */
    public record Mark(Instant time, Path file, long line) {
    }

    /**
     * One server's activity.
     *
     * @param server the name as the logs give it
     * @param lastStart the last start, or {@code null} when none is logged
     * @param errors the errors, oldest first
     */
    public record Server(String server, Mark lastStart, List<Mark> errors) {
        /**
         * Copies the list.
         *
         * @param server the server
         * @param lastStart the last start
         * @param errors the errors
         */
        public Server {
            errors = List.copyOf(errors);
        }

        /**
         * The errors logged since the last start (all of them when no start is logged).
         *
         * @return the errors
         */
        public List<Mark> errorsSinceStart() {
            return lastStart == null ? errors
                    : errors.stream().filter(e -> !e.time().isBefore(lastStart.time())).toList();
        }

        /**
         * The errors at or after a time.
         *
         * @param since the time
         * @return the errors
         */
        public List<Mark> errorsSince(Instant since) {
            return errors.stream().filter(e -> !e.time().isBefore(since)).toList();
        }
    }

    /**
     * What the files of a log directory say.
     *
     * @param servers per server, by name
     * @param unreadable files that could not be read, each with the reason
     */
    public record Report(List<Server> servers, List<String> unreadable) {
        /**
         * Copies the lists.
         *
         * @param servers the servers
         * @param unreadable the unreadable files
         */
        public Report {
            servers = List.copyOf(servers);
            unreadable = List.copyOf(unreadable);
        }
    }

    private ServerLogActivity() {
    }

    /**
     * Reads Claude Desktop's MCP logs in a directory ({@code mcp.log}, {@code mcp-server-*.log}, their
     * rotations and gzip files; links and pipes are not read).
     *
     * @param dir the log directory
     * @return per server, its activity
     */
    public static Report read(Path dir) {
        List<Path> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> ClientLogLocations.claudeDesktopLog(p.getFileName().toString())).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException | SecurityException e) {
                unreadable.add(dir + ": cannot be listed (" + e.getClass().getSimpleName() + ")");
            }
        }
        Map<String, List<Mark>> errors = new TreeMap<>();
        Map<String, Mark> starts = new TreeMap<>();
        for (Path file : files) {
            try (InputStream in = FileKinds.open(file)) {
                readLines(in, file, errors, starts);
            } catch (IOException | SecurityException e) {
                unreadable.add(file.getFileName() + ": " + (e instanceof NotRegularFileException ? e.getMessage()
                        : "cannot be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        List<Server> servers = new ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>(starts.keySet());
        names.addAll(errors.keySet());
        for (String name : names) {
            List<Mark> e = new ArrayList<>(errors.getOrDefault(name, List.of()));
            e.sort(Comparator.comparing(Mark::time));
            servers.add(new Server(name, starts.get(name), e));
        }
        return new Report(servers, unreadable);
    }

    private static void readLines(InputStream in, Path file, Map<String, List<Mark>> errors, Map<String, Mark> starts)
            throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] prefix = new byte[PREFIX_BYTES];
        int prefixLen = 0;
        long line = 1;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    take(new String(prefix, 0, prefixLen, StandardCharsets.ISO_8859_1), file, line, errors, starts);
                    prefixLen = 0;
                    line++;
                } else if (prefixLen < PREFIX_BYTES) {
                    prefix[prefixLen++] = b;
                }
            }
        }
        if (prefixLen > 0) {
            take(new String(prefix, 0, prefixLen, StandardCharsets.ISO_8859_1), file, line, errors, starts);
        }
    }

    private static void take(String prefix, Path file, long line, Map<String, List<Mark>> errors,
            Map<String, Mark> starts) {
        Matcher m = LINE.matcher(prefix);
        if (!m.find()) {
            return;
        }
        Instant time;
        try {
            time = Instant.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return;
        }
        String server = m.group(2);
        if (m.group(3).equals("error")) {
            errors.computeIfAbsent(server, k -> new ArrayList<>()).add(new Mark(time, file, line));
        } else if (m.group(4).startsWith(START)) {
            Mark previous = starts.get(server);
            if (previous == null || !time.isBefore(previous.time())) {
                starts.put(server, new Mark(time, file, line));
            }
        }
    }
}
