package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.engine.internal.ServerPointers;
import dev.mcpsecrets.policy.engine.internal.ToolInfo;

import dev.mcpsecrets.api.internal.text.TerminalText;
import dev.mcpsecrets.policy.engine.CheckRun;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human report: findings grouped by config file and server, each with file:line:col and a fix. */
final class TextReportWriter {
    private static final String RESET = "\u001b[0m";

    private TextReportWriter() {
    }

    /**
     * Writes the report.
     *
     * @param report the report
     * @param options colour, docs URL, home
     * @param out where to write
     * @throws IOException if writing fails
     */
    public static void write(PolicyReport report, ReportOptions options, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(summary(report)).append("\n");
        Map<String, Map<String, List<Finding>>> groups = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            String file = f.location().file() == null ? "(not in a file)" : display(f.location().file(), options);
            String server = ServerPointers.serverName(f.location().jsonPointer()).map(s -> "server " + safe(s)).orElse("");
            groups.computeIfAbsent(file, k -> new LinkedHashMap<>()).computeIfAbsent(server, k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, Map<String, List<Finding>>> file : groups.entrySet()) {
            sb.append("\n").append(bold(file.getKey(), options)).append("\n");
            for (Map.Entry<String, List<Finding>> server : file.getValue().entrySet()) {
                String indent = "  ";
                if (!server.getKey().isEmpty()) {
                    sb.append("  ").append(server.getKey()).append("\n");
                    indent = "    ";
                }
                for (Finding f : server.getValue()) {
                    finding(sb, f, indent, options);
                }
            }
        }
        List<CheckRun> incomplete = report.checks().stream()
                .filter(c -> c.status() == CheckRun.Status.FAILED || c.status() == CheckRun.Status.TIMED_OUT).toList();
        if (!incomplete.isEmpty()) {
            sb.append("\nChecks that did not complete (the result is incomplete):\n");
            for (CheckRun c : incomplete) {
                sb.append("  ").append(c.checkId()).append(": ").append(c.status().name().toLowerCase(Locale.ROOT)
                        .replace('_', ' ')).append(c.detail().isEmpty() ? "" : " (" + safe(c.detail()) + ")").append("\n");
            }
        }
        if (!report.suppressed().isEmpty()) {
            sb.append("\nSuppressed (").append(report.suppressed().size()).append("):\n");
            report.suppressed().forEach(s -> sb.append("  ").append(s.finding().ruleId()).append("  ")
                    .append(location(s.finding(), options)).append("  reason: ").append(safe(s.suppression().reason()))
                    .append(s.suppression().optionalExpires().map(d -> " (until " + d + ")").orElse("")).append("\n"));
        }
        out.write(sb.toString());
        out.flush();
    }

    private static void finding(StringBuilder sb, Finding f, String indent, ReportOptions options) {
        // "CRITICAL" is the longest label: pad to it and keep a space before the rule id
        String label = String.format("%-8s", f.severity().label().toUpperCase(Locale.ROOT));
        sb.append(indent).append(colour(label, f.severity(), options)).append(' ').append(f.ruleId()).append("  ")
                .append(location(f, options)).append("  ").append(safe(f.title())).append("\n");
        String more = indent + "         ";
        sb.append(more).append(safeLines(f.message(), more)).append("\n");
        if (!f.remediation().isEmpty()) {
            sb.append(more).append("fix: ").append(safeLines(f.remediation(), more + "     ")).append("\n");
        }
        options.helpUri(f.ruleId()).ifPresent(u -> sb.append(more).append("docs: ").append(safe(u.toString())).append("\n"));
    }

    private static String summary(PolicyReport r) {
        StringBuilder sb = new StringBuilder(ToolInfo.NAME).append(" policy: ");
        if (r.findings().isEmpty()) {
            sb.append("no findings");
        } else {
            sb.append(r.findings().size()).append(r.findings().size() == 1 ? " finding (" : " findings (");
            List<String> parts = new ArrayList<>();
            for (int i = Severity.values().length - 1; i >= 0; i--) {
                Severity s = Severity.values()[i];
                long n = r.count(s);
                if (n > 0) {
                    parts.add(n + " " + s.label());
                }
            }
            sb.append(String.join(", ", parts)).append(")");
        }
        sb.append("; ").append(r.suppressed().size()).append(" suppressed");
        if (r.baselineMatched() > 0) {
            sb.append(", ").append(r.baselineMatched()).append(" already in the baseline");
        }
        sb.append("; ").append(r.configs().size()).append(r.configs().size() == 1 ? " config, " : " configs, ")
                .append(r.checks().size()).append(" checks, profile ").append(r.profile());
        return sb.toString();
    }

    private static String location(Finding f, ReportOptions options) {
        if (f.location().file() == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder(display(f.location().file(), options));
        if (f.location().line() > 0) {
            sb.append(':').append(f.location().line());
            if (f.location().column() > 0) {
                sb.append(':').append(f.location().column());
            }
        }
        return sb.toString();
    }

    private static String display(Path file, ReportOptions options) {
        Path p = file.toAbsolutePath().normalize();
        if (options.home() != null && p.startsWith(options.home()) && !p.equals(options.home())) {
            return safe("~/" + options.home().relativize(p).toString().replace('\\', '/'));
        }
        return safe(p.toString());
    }

    /**
     * Names, paths and messages come from config files anyone may have written: every character a
     * terminal would act on is escaped, so that only this writer's own colour codes reach it.
     */
    private static String safe(String text) {
        return TerminalText.escape(text);
    }

    /** Each line escaped on its own, continued at the given indent. */
    private static String safeLines(String text, String indent) {
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(i == 0 ? "" : "\n" + indent).append(safe(lines[i]));
        }
        return sb.toString();
    }

    private static String bold(String text, ReportOptions options) {
        return options.colour() ? "\u001b[1m" + text + RESET : text;
    }

    private static String colour(String text, Severity severity, ReportOptions options) {
        if (!options.colour()) {
            return text;
        }
        String code;
        switch (severity) {
            case CRITICAL:
                code = "\u001b[1;35m";
                break;
            case HIGH:
                code = "\u001b[31m";
                break;
            case MEDIUM:
                code = "\u001b[33m";
                break;
            case LOW:
                code = "\u001b[36m";
                break;
            default:
                code = "\u001b[2m";
        }
        return code + text + RESET;
    }
}
