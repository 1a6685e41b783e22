package dev.mcpsecrets.dotenv.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.dotenv.Dialect;
import dev.mcpsecrets.dotenv.DotenvParser;
import dev.mcpsecrets.dotenv.DotenvResult;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real reference parsers (Node's dotenv + dotenv-expand, python-dotenv) on the same inputs as ours
 * and compares the resulting key/value maps. Prints each reference's version and {@code agree N / M}.
 *
 * <p>Corpus: every disagreement must be annotated in the corpus with the row of the README's differences
 * table that explains it, and every annotation must still be needed. Generated files (the portable subset
 * of {@link PortableFiles}) must agree completely.
 */
@ExtendWith(DotenvDifferentialIT.ReferencesInstalled.class)
class DotenvDifferentialIT {
    private static final Path MODULE = Paths.get("").toAbsolutePath();
    private static final DotenvParser OURS = DotenvParser.builder().strict(false)
            .environment(ReferenceParser.ENVIRONMENT).build();
    private static final int GENERATED = 400;

    @TempDir
    static Path work;
    private static List<ReferenceParser> references;

    @BeforeAll
    static void findReferences() throws Exception {
        Path scripts = work.resolve("scripts");
        Files.createDirectories(scripts);
        Path nodeScript = copy("node-reference.js", scripts);
        Path pythonScript = copy("python-reference.py", scripts);
        references = List.of(ReferenceParser.node(onPath("node"), nodeScript, nodeModules()),
                ReferenceParser.python(pythonScript));
    }

    private static Path nodeModules() {
        return Paths.get(System.getProperty("dotenv.node.modules",
                MODULE.getParent().resolve(".ci/node/node_modules").toString()));
    }

    /** What of the reference parsers is not installed. */
    static List<String> missingReferences() throws InterruptedException {
        Path modules = nodeModules();
        List<String> missing = new ArrayList<>();
        if (onPath("node") == null || !Files.isDirectory(modules.resolve("dotenv"))
                || !Files.isDirectory(modules.resolve("dotenv-expand"))) {
            missing.add("Node with dotenv and dotenv-expand in " + modules + " (npm install --prefix .ci/node "
                    + "dotenv@18.0.10 dotenv-expand@13.0.0)");
        }
        if (!pythonDotenvInstalled()) {
            missing.add("python3-dotenv (apt-get install python3-dotenv)");
        }
        return missing;
    }

    /**
     * Decides before {@code @BeforeAll}: without the reference parsers the class is skipped outside CI,
     * saying what is missing, and fails in CI ({@code CI=true}), which must run it.
     */
    static final class ReferencesInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<String> missing;
            try {
                missing = missingReferences();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking for the reference parsers", e);
            }
            if (missing.isEmpty()) {
                return ConditionEvaluationResult.enabled("reference parsers installed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true must run the differential suite; missing: " + missing);
            }
            return ConditionEvaluationResult.disabled("skipped outside CI: reference parsers not installed: " + missing);
        }
    }

    @Test
    void corpusDisagreementsAreAllExplainedByTheDifferencesTable() throws Exception {
        List<Corpus.Case> cases = Corpus.load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        List<String> texts = cases.stream().map(Corpus.Case::text).toList();
        List<Map<String, String>> ours = oursFor(OURS, texts);
        List<Map<String, String>> nodeDialect = oursFor(DotenvParser.builder().strict(false).dialect(Dialect.NODE)
                .environment(ReferenceParser.ENVIRONMENT).build(), texts);
        List<Path> files = ReferenceParser.writeInputs(Files.createDirectories(work.resolve("corpus")), texts);
        Set<String> documented = documentedRows();
        List<String> failures = new ArrayList<>();
        for (ReferenceParser reference : references) {
            List<ReferenceParser.Outcome> theirs = reference.parseAll(files);
            int agree = 0;
            Set<String> explainedCount = new TreeSet<>();
            for (int i = 0; i < cases.size(); i++) {
                Corpus.Case c = cases.get(i);
                boolean same = ours.get(i).equals(theirs.get(i).values());
                Set<String> rows = c.explained().getOrDefault(reference.name(), Set.of());
                if (same) {
                    agree++;
                    if (!rows.isEmpty()) {
                        failures.add(reference.name() + " now agrees on " + c.name() + ": drop its annotation " + rows);
                    }
                } else if (rows.isEmpty()) {
                    failures.add(reference.name() + " disagrees on " + c.name() + ": ours " + ours.get(i)
                            + ", theirs " + theirs.get(i));
                } else {
                    explainedCount.addAll(rows);
                    for (String row : rows) {
                        if (!documented.contains(row)) {
                            failures.add(c.name() + " cites " + row + ", which is not a row of the README table");
                        }
                    }
                }
            }
            System.out.printf("[dotenv differential] corpus vs %s: agree %d / %d (the other %d are documented "
                    + "differences %s)%n", reference.version(), agree, cases.size(), cases.size() - agree, explainedCount);
            if (reference.name().equals("node")) {
                System.out.printf("[dotenv differential] corpus vs %s with Dialect.NODE: agree %d / %d%n",
                        reference.version(), agreements(nodeDialect, theirs), cases.size());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void generatedPortableFilesAgreeCompletely() throws Exception {
        List<String> texts = new ArrayList<>();
        JqwikSession.start();
        try {
            RandomGenerator<String> generator = PortableFiles.files().generator(1000);
            Random random = new Random(20261127L);
            for (int i = 0; i < GENERATED; i++) {
                texts.add(generator.next(random).value());
            }
        } finally {
            JqwikSession.finish();
        }
        List<Map<String, String>> ours = oursFor(OURS, texts);
        List<Path> files = ReferenceParser.writeInputs(Files.createDirectories(work.resolve("generated")), texts);
        List<String> failures = new ArrayList<>();
        for (ReferenceParser reference : references) {
            List<ReferenceParser.Outcome> theirs = reference.parseAll(files);
            int agree = 0;
            for (int i = 0; i < texts.size(); i++) {
                if (ours.get(i).equals(theirs.get(i).values())) {
                    agree++;
                } else if (failures.size() < 5) {
                    failures.add(reference.name() + " on generated input " + escape(texts.get(i)) + ": ours "
                            + ours.get(i) + ", theirs " + theirs.get(i));
                }
            }
            System.out.printf("[dotenv differential] jqwik-generated files vs %s: agree %d / %d%n",
                    reference.version(), agree, texts.size());
        }
        assertThat(failures).isEmpty();
    }

    private static int agreements(List<Map<String, String>> ours, List<ReferenceParser.Outcome> theirs) {
        int agree = 0;
        for (int i = 0; i < ours.size(); i++) {
            agree += ours.get(i).equals(theirs.get(i).values()) ? 1 : 0;
        }
        return agree;
    }

    private static List<Map<String, String>> oursFor(DotenvParser parser, List<String> texts) throws Exception {
        List<Map<String, String>> results = new ArrayList<>();
        for (String text : texts) {
            DotenvResult result = parser.parse(text.getBytes(StandardCharsets.UTF_8), "case");
            Map<String, String> map = new HashMap<>();
            for (String key : result.keys()) {
                map.put(key, result.find(key).orElseThrow().value().revealAsString());
            }
            results.add(map);
        }
        return results;
    }

    /** The row ids (D1, D2, ...) of the differences table in the module README. */
    private static Set<String> documentedRows() throws Exception {
        String readme = Files.readString(MODULE.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> rows = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| (D\\d+) \\|").matcher(readme);
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    private static Path copy(String resource, Path dir) throws Exception {
        Path target = dir.resolve(resource);
        try (var in = DotenvDifferentialIT.class.getResourceAsStream("/differential/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static boolean pythonDotenvInstalled() throws InterruptedException {
        if (!Files.isExecutable(Paths.get("/usr/bin/python3"))) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import dotenv")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
