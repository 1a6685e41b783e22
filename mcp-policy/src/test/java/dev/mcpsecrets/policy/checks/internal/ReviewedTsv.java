package dev.mcpsecrets.policy.checks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewed-expectations files of the corpus tests: tab-separated lines of three key columns, then a value, a
 * verdict and its reason; {@code #} lines are comments.
 */
public final class ReviewedTsv {
    private ReviewedTsv() {
    }

    /**
     * Reads a file; a missing one is empty (the update mode writes it).
     *
     * @param tsv the file
     * @return key (the first three columns, tab-joined) to {value, verdict, reason}, in file order
     * @throws IOException if it cannot be read
     */
    public static Map<String, String[]> read(Path tsv) throws IOException {
        Map<String, String[]> lines = new LinkedHashMap<>();
        if (!Files.exists(tsv)) {
            return lines;
        }
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            assertThat(c).as(tsv.getFileName() + " line: " + line).hasSizeGreaterThanOrEqualTo(5);
            lines.put(c[0] + "\t" + c[1] + "\t" + c[2], new String[] {c[3], c[4], c.length > 5 ? c[5] : ""});
        }
        return lines;
    }
}
