package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;

import dev.mcpsecrets.policy.engine.JsonReportWriter;
import dev.mcpsecrets.policy.engine.SarifReportWriter;
import dev.mcpsecrets.policy.engine.TextReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Renders a {@link PolicyReport} as text, JSON or SARIF 2.1.0. Reports contain no secret values:
 * findings never hold any (see {@link Finding}).
 *
 * @since 0.1
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /**
     * Writes a report.
     *
     * @param report the report
     * @param format the format
     * @param options rendering options
     * @param out where to write; flushed, not closed
     * @throws IOException if writing fails
     */
    public static void write(PolicyReport report, ReportFormat format, ReportOptions options, Writer out)
            throws IOException {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        switch (format) {
            case TEXT:
                TextReportWriter.write(report, options, out);
                break;
            case JSON:
                JsonReportWriter.write(report, options, out);
                break;
            default:
                SarifReportWriter.write(report, options, out);
        }
    }

    /**
     * Renders a report to a string.
     *
     * @param report the report
     * @param format the format
     * @param options rendering options
     * @return the rendered report
     */
    public static String render(PolicyReport report, ReportFormat format, ReportOptions options) {
        StringWriter out = new StringWriter();
        try {
            write(report, format, options, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }
}
