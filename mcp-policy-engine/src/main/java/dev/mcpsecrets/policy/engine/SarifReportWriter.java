package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.engine.internal.ToolInfo;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.mcpsecrets.policy.engine.CheckRun;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.engine.SuppressedFinding;
import dev.mcpsecrets.policy.engine.Suppression;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: stable rule ids, rule help and
 * {@code security-severity}, {@code partialFingerprints}, suppressions, and file paths relative to
 * {@code %SRCROOT%} when a source root is given.
 */
final class SarifReportWriter {
    /** The key of our fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "mcpSecretsFinding/v1";
    private static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final String SRCROOT = "%SRCROOT%";

    private SarifReportWriter() {
    }

    /**
     * Writes the report.
     *
     * @param report the report
     * @param options docs URL and source root
     * @param out where to write (left open)
     * @throws IOException if writing fails
     */
    public static void write(PolicyReport report, ReportOptions options, Writer out) throws IOException {
        List<Finding> all = new ArrayList<>(report.findings());
        report.suppressed().forEach(s -> all.add(s.finding()));
        Map<String, List<Finding>> byRule = new TreeMap<>();
        all.forEach(f -> byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f));
        List<String> ruleIds = new ArrayList<>(byRule.keySet());
        try (JsonGenerator g = JsonReportWriter.generator(out)) {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", ToolInfo.NAME);
            g.writeStringField("version", ToolInfo.version());
            g.writeStringField("informationUri", ToolInfo.INFORMATION_URI);
            g.writeArrayFieldStart("rules");
            for (String id : ruleIds) {
                rule(g, id, byRule.get(id), options);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            if (options.sourceRoot() != null) {
                g.writeObjectFieldStart("originalUriBaseIds");
                g.writeObjectFieldStart(SRCROOT);
                g.writeStringField("uri", options.sourceRoot().toUri().toString());
                g.writeEndObject();
                g.writeEndObject();
            }
            invocation(g, report);
            g.writeStringField("columnKind", "utf16CodeUnits");
            g.writeArrayFieldStart("results");
            for (Finding f : report.findings()) {
                result(g, f, ruleIds.indexOf(f.ruleId()), null, options);
            }
            for (SuppressedFinding s : report.suppressed()) {
                result(g, s.finding(), ruleIds.indexOf(s.finding().ruleId()), s.suppression(), options);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void rule(JsonGenerator g, String id, List<Finding> findings, ReportOptions options) throws IOException {
        Finding first = findings.get(0);
        Severity max = findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(first.severity());
        String help = first.help().isEmpty() ? first.title() : first.help();
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", pascalCase(first.title()));
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", first.title());
        g.writeEndObject();
        g.writeObjectFieldStart("fullDescription");
        g.writeStringField("text", firstParagraph(help, first.title()));
        g.writeEndObject();
        g.writeObjectFieldStart("help");
        g.writeStringField("text", help);
        g.writeStringField("markdown", help);
        g.writeEndObject();
        if (options.helpUri(id).isPresent()) {
            g.writeStringField("helpUri", options.helpUri(id).get().toString());
        }
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", max.sarifLevel());
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("security-severity", String.format(Locale.ROOT, "%.1f", max.securitySeverity()));
        g.writeStringField("precision", "high");
        g.writeArrayFieldStart("tags");
        g.writeString("security");
        g.writeString("mcp");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void invocation(JsonGenerator g, PolicyReport report) throws IOException {
        g.writeArrayFieldStart("invocations");
        g.writeStartObject();
        g.writeBooleanField("executionSuccessful", report.allChecksCompleted());
        g.writeStringField("startTimeUtc", report.startedAt().toString());
        g.writeStringField("endTimeUtc", report.startedAt().plus(report.duration()).toString());
        g.writeArrayFieldStart("toolExecutionNotifications");
        for (CheckRun c : report.checks()) {
            if (c.status() == CheckRun.Status.FAILED || c.status() == CheckRun.Status.TIMED_OUT) {
                g.writeStartObject();
                g.writeStringField("level", "error");
                g.writeObjectFieldStart("message");
                g.writeStringField("text", "check " + c.checkId() + " "
                        + c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + c.detail());
                g.writeEndObject();
                g.writeObjectFieldStart("descriptor");
                g.writeStringField("id", c.checkId());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void result(JsonGenerator g, Finding f, int ruleIndex, Suppression suppression, ReportOptions options)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeNumberField("ruleIndex", ruleIndex);
        g.writeStringField("level", f.severity().sarifLevel());
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.message() + (f.remediation().isEmpty() ? "" : " Fix: " + f.remediation()));
        g.writeEndObject();
        Location l = f.location();
        if (l.file() != null) {
            g.writeArrayFieldStart("locations");
            g.writeStartObject();
            g.writeObjectFieldStart("physicalLocation");
            g.writeObjectFieldStart("artifactLocation");
            artifact(g, l.file(), options);
            g.writeEndObject();
            if (l.line() > 0) {
                g.writeObjectFieldStart("region");
                g.writeNumberField("startLine", l.line());
                if (l.column() > 0) {
                    g.writeNumberField("startColumn", l.column());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            if (l.jsonPointer() != null) {
                g.writeArrayFieldStart("logicalLocations");
                g.writeStartObject();
                g.writeStringField("fullyQualifiedName", l.jsonPointer().isEmpty() ? "/" : l.jsonPointer());
                g.writeStringField("kind", "member");
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("partialFingerprints");
        g.writeStringField(FINGERPRINT_KEY, f.fingerprint());
        g.writeEndObject();
        if (suppression != null) {
            g.writeArrayFieldStart("suppressions");
            g.writeStartObject();
            g.writeStringField("kind", "external");
            g.writeStringField("status", "accepted");
            g.writeStringField("justification", suppression.reason());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("title", f.title());
        if (!f.remediation().isEmpty()) {
            g.writeStringField("remediation", f.remediation());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void artifact(JsonGenerator g, Path file, ReportOptions options) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        if (options.sourceRoot() != null && p.startsWith(options.sourceRoot()) && !p.equals(options.sourceRoot())) {
            StringBuilder rel = new StringBuilder();
            for (Path part : options.sourceRoot().relativize(p)) {
                if (rel.length() > 0) {
                    rel.append('/');
                }
                rel.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
            g.writeStringField("uri", rel.toString());
            g.writeStringField("uriBaseId", SRCROOT);
        } else {
            g.writeStringField("uri", p.toUri().toString());
        }
    }

    private static String pascalCase(String title) {
        StringBuilder sb = new StringBuilder();
        for (String word : title.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return sb.length() == 0 ? "Rule" : sb.toString();
    }

    private static String firstParagraph(String help, String fallback) {
        for (String para : help.split("\n\\s*\n")) {
            String p = para.strip();
            if (!p.isEmpty() && !p.startsWith("#")) {
                return p.replace('\n', ' ');
            }
        }
        return fallback;
    }
}
