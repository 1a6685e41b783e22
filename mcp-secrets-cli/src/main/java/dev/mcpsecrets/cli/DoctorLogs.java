package dev.mcpsecrets.cli;

import static dev.mcpsecrets.api.internal.text.TerminalText.escape;

import dev.mcpsecrets.policy.checks.internal.logs.ClientLogLocations;
import dev.mcpsecrets.policy.checks.internal.logs.ServerLogActivity;
import dev.mcpsecrets.policy.source.FileSystemView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor --logs}: the guide's {@code grep ERROR} over Claude Desktop's MCP logs, made safe. Per server
 * it prints the last start, how many errors were logged since then and in the last 24 hours and when the last
 * was, and the files and line numbers to open; never a line's text, which a server wrote and may hold a secret.
 */
final class DoctorLogs {
    static final Duration RECENT = Duration.ofHours(24);
    private static final int LINES_SHOWN = 5;

    private DoctorLogs() {
    }

    static int print(PrintWriter out, FileSystemView files, Instant now) {
        Path dir = ClientLogLocations.claudeDesktopLogs(files);
        out.println(escape("MCP server logs of " + ClientLogLocations.CLAUDE_DESKTOP + " (" + files.display(dir) + "):"));
        ServerLogActivity.Report report = ServerLogActivity.read(dir);
        for (String problem : report.unreadable()) {
            out.println(escape("  not read: " + problem));
        }
        if (report.servers().isEmpty()) {
            out.println("  no server starts or errors logged here");
            out.flush();
            return Main.OK;
        }
        int failing = 0;
        for (ServerLogActivity.Server s : report.servers()) {
            List<ServerLogActivity.Mark> sinceStart = s.errorsSinceStart();
            List<ServerLogActivity.Mark> recent = s.errorsSince(now.minus(RECENT));
            out.println(escape("  " + s.server()));
            out.println(escape("    last start: " + (s.lastStart() == null ? "none logged"
                    : time(s.lastStart().time()) + "  (" + place(files, s.lastStart()) + ")")));
            String last = s.errors().isEmpty() ? "" : "; last at " + time(s.errors().get(s.errors().size() - 1).time());
            out.println(escape("    errors: " + sinceStart.size() + " since the last start, " + recent.size()
                    + " in the last 24 h, " + s.errors().size() + " in all" + last));
            if (!s.errors().isEmpty()) {
                out.println(escape("    look at: " + lines(files, s.errors())));
            }
            if (!sinceStart.isEmpty()) {
                failing++;
            }
        }
        out.println();
        out.println(failing == 0 ? "no server logged an error since its last start"
                : failing + (failing == 1 ? " server" : " servers") + " logged errors since the last start: open the "
                        + "lines above (they may hold secrets: do not paste them anywhere; mcp-secrets audit scans the "
                        + "logs for leaked tokens)");
        out.flush();
        return failing == 0 ? Main.OK : Main.FAILED;
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String place(FileSystemView files, ServerLogActivity.Mark m) {
        return files.display(m.file()) + ":" + m.line();
    }

    /** The most recent error lines, grouped by file: {@code mcp-server-x.log lines 12, 40}. */
    private static String lines(FileSystemView files, List<ServerLogActivity.Mark> errors) {
        List<ServerLogActivity.Mark> latest = errors.subList(Math.max(0, errors.size() - LINES_SHOWN), errors.size());
        Map<Path, List<Long>> byFile = new LinkedHashMap<>();
        for (ServerLogActivity.Mark m : latest) {
            byFile.computeIfAbsent(m.file(), k -> new ArrayList<>()).add(m.line());
        }
        List<String> parts = new ArrayList<>();
        byFile.forEach((file, ls) -> parts.add(files.display(file) + " line" + (ls.size() == 1 ? " " : "s ")
                + String.join(", ", ls.stream().map(String::valueOf).toList())));
        return String.join("; ", parts) + (errors.size() > latest.size() ? " (the " + LINES_SHOWN + " latest)" : "");
    }
}
