package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.engine.internal.ServerPointers;
import dev.mcpsecrets.policy.engine.internal.ToolInfo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mcpsecrets.policy.engine.CheckRun;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.engine.PolicyReport;
import dev.mcpsecrets.policy.engine.ReportOptions;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.engine.SuppressedFinding;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The JSON report, schema version {@link PolicyReport#SCHEMA_VERSION} (documented in the module README). */
final class JsonReportWriter {
    private JsonReportWriter() {
    }

    /**
     * Writes the report.
     *
     * @param report the report
     * @param options the docs URL (for {@code helpUri})
     * @param out where to write (left open)
     * @throws IOException if writing fails
     */
    public static void write(PolicyReport report, ReportOptions options, Writer out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", PolicyReport.SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", ToolInfo.NAME);
            g.writeStringField("version", ToolInfo.version());
            g.writeEndObject();
            g.writeStringField("startedAt", report.startedAt().toString());
            g.writeNumberField("durationMillis", report.duration().toMillis());
            g.writeStringField("profile", report.profile());
            summary(g, report);
            g.writeArrayFieldStart("configs");
            for (PolicyReport.ConfigSummary c : report.configs()) {
                g.writeStartObject();
                g.writeStringField("path", c.path().toString());
                g.writeStringField("client", c.client().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                g.writeStringField("scope", c.scope().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("servers", c.servers());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("checks");
            for (CheckRun c : report.checks()) {
                g.writeStartObject();
                g.writeStringField("id", c.checkId());
                g.writeStringField("status", c.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                g.writeNumberField("durationMillis", c.duration().toMillis());
                g.writeNumberField("findings", c.findings());
                if (!c.detail().isEmpty()) {
                    g.writeStringField("detail", c.detail());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                g.writeStartObject();
                finding(g, f, options);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("suppressed");
            for (SuppressedFinding s : report.suppressed()) {
                g.writeStartObject();
                finding(g, s.finding(), options);
                g.writeObjectFieldStart("suppression");
                g.writeStringField("rule", s.suppression().rulePattern());
                g.writeStringField("location", s.suppression().locationPattern());
                g.writeStringField("reason", s.suppression().reason());
                if (s.suppression().expires() != null) {
                    g.writeStringField("expires", s.suppression().expires().toString());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    /**
     * A JSON generator that pretty-prints and leaves the writer open.
     *
     * @param out the writer
     * @return the generator
     * @throws IOException if it cannot be created
     */
    static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(JsonTextEscapes.INSTANCE);
        g.useDefaultPrettyPrinter();
        return g;
    }

    private static void summary(JsonGenerator g, PolicyReport report) throws IOException {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("findings", report.findings().size());
        g.writeObjectFieldStart("bySeverity");
        for (Severity s : Severity.values()) {
            g.writeNumberField(s.label(), report.count(s));
        }
        g.writeEndObject();
        if (report.highestSeverity().isPresent()) {
            g.writeStringField("highestSeverity", report.highestSeverity().get().label());
        } else {
            g.writeNullField("highestSeverity");
        }
        g.writeNumberField("suppressed", report.suppressed().size());
        g.writeNumberField("baselineMatched", report.baselineMatched());
        g.writeBooleanField("allChecksCompleted", report.allChecksCompleted());
        g.writeEndObject();
    }

    private static void finding(JsonGenerator g, Finding f, ReportOptions options) throws IOException {
        g.writeStringField("ruleId", f.ruleId());
        g.writeStringField("severity", f.severity().label());
        g.writeStringField("title", f.title());
        g.writeStringField("message", f.message());
        Location l = f.location();
        g.writeObjectFieldStart("location");
        if (l.file() != null) {
            g.writeStringField("file", l.file().toString());
        }
        if (l.line() > 0) {
            g.writeNumberField("line", l.line());
        }
        if (l.column() > 0) {
            g.writeNumberField("column", l.column());
        }
        if (l.jsonPointer() != null) {
            g.writeStringField("jsonPointer", l.jsonPointer());
        }
        java.util.Optional<String> server = ServerPointers.serverName(l.jsonPointer());
        if (server.isPresent()) {
            g.writeStringField("server", server.get());
        }
        g.writeEndObject();
        g.writeStringField("remediation", f.remediation());
        g.writeStringField("fingerprint", f.fingerprint());
        if (options.helpUri(f.ruleId()).isPresent()) {
            g.writeStringField("helpUri", options.helpUri(f.ruleId()).get().toString());
        }
    }
}
