package dev.mcpsecrets.policy.checks.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall and false alarms of the secret formats on {@code format-corpus.txt}: true samples of each
 * documented format, generated from its alphabet and length (with GitHub's and npm's checksums), and
 * look-alikes that must not be reported, each in a neutral context so that only the value's format can
 * find it. Prints the counts per family.
 *
 * <p>Targets: recall of at least 86% over the true samples and false alarms on at most 6% of the
 * look-alikes; the same proportions as 145 of 168 and 10 of 170 on the peer scanners' own samples.
 */
class FormatCorpusTest {
    private static final String CORPUS = "format-corpus.txt";
    private static final double MIN_RECALL = 0.86;
    private static final double MAX_FALSE_ALARMS = 0.06;
    private static final List<String> CONTEXTS = List.of("%s", "value: \"%s\"", "  \"arg\": \"%s\",",
            "export SETTING='%s'", "run --flag %s --verbose");
    private static final Pattern PART = Pattern.compile("\\{(crc|uuid|rep:(.):(\\d+)|([a-zA-Z0-9]+):(\\d+))}");
    private static final Map<String, String> ALPHABETS = Map.ofEntries(
            Map.entry("an", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry("lan", "abcdefghijklmnopqrstuvwxyz0123456789"),
            Map.entry("uan", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
            Map.entry("hex", "0123456789abcdef"),
            Map.entry("HEX", "0123456789ABCDEF"),
            Map.entry("alpha", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            Map.entry("lower", "abcdefghijklmnopqrstuvwxyz"),
            Map.entry("upper", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Map.entry("dig", "0123456789"),
            Map.entry("b64", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            Map.entry("url", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
            Map.entry("b32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            Map.entry("bech", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"));

    private static final SecretScanner SCANNER = SecretScanner.builtIn();
    private static List<Sample> samples;

    /** One generated sample: its family, the rule that must find it (empty for a look-alike), the text. */
    record Sample(String family, String expectedRule, String text, int line) {
        boolean isSecret() {
            return !expectedRule.isEmpty();
        }
    }

    @BeforeAll
    static void generate() throws IOException {
        samples = new ArrayList<>();
        String corpus;
        try (InputStream in = FormatCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS).isNotNull();
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = corpus.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            assertThat(f).as("line %d has family|rule|count|template|source", n + 1).hasSize(5);
            assertThat(f[4]).as("line %d names the source of its format", n + 1).isNotBlank();
            String rule = f[1].equals("-") ? "" : f[1];
            int count = Integer.parseInt(f[2]);
            for (int i = 0; i < count; i++) {
                Random random = new Random(1_000L * (n + 1) + i);
                String value = expand(f[3].replace("\\n", "\n"), random);
                String text = String.format(Locale.ROOT, CONTEXTS.get((n + i) % CONTEXTS.size()), value);
                samples.add(new Sample(f[0], rule, text, n + 1));
            }
        }
    }

    /** Fills a template's parts with seeded random characters of their alphabets. */
    static String expand(String template, Random random) {
        StringBuilder out = new StringBuilder();
        Matcher m = PART.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            if (m.group(1).equals("crc")) {
                out.append(Checksum.encode(Checksum.crc32(out, out.length() - 30, out.length())));
            } else if (m.group(1).equals("uuid")) {
                String hex = ALPHABETS.get("hex");
                for (int len : new int[] {8, 4, 4, 4, 12}) {
                    for (int i = 0; i < len; i++) {
                        out.append(hex.charAt(random.nextInt(hex.length())));
                    }
                    out.append('-');
                }
                out.setLength(out.length() - 1);
            } else if (m.group(2) != null) {
                out.append(m.group(2).repeat(Integer.parseInt(m.group(3))));
            } else {
                String alphabet = ALPHABETS.get(m.group(4));
                assertThat(alphabet).as("alphabet %s", m.group(4)).isNotNull();
                for (int i = Integer.parseInt(m.group(5)); i > 0; i--) {
                    out.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            last = m.end();
        }
        return out.append(template.substring(last)).toString();
    }

    /** Tally of one family. */
    private static final class Tally {
        int secrets;
        int found;
        int lookAlikes;
        int falseAlarms;
    }

    @Test
    void recallAndFalseAlarmsPerFamilyMeetTheTargets() {
        Map<String, Tally> byFamily = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        for (Sample s : samples) {
            Tally t = byFamily.computeIfAbsent(s.family(), k -> new Tally());
            List<SecretMatch> matches = SCANNER.scan(s.text());
            if (s.isSecret()) {
                t.secrets++;
                if (matches.stream().anyMatch(m -> m.rule().id().equals(s.expectedRule()))) {
                    t.found++;
                } else {
                    missed.add("line " + s.line() + " (" + s.expectedRule() + ") found "
                            + matches.stream().map(m -> m.rule().id()).toList());
                }
            } else {
                t.lookAlikes++;
                if (!matches.isEmpty()) {
                    t.falseAlarms++;
                    alarms.add("line " + s.line() + " reported as " + matches.stream().map(m -> m.rule().id()).toList());
                }
            }
        }
        int secrets = byFamily.values().stream().mapToInt(t -> t.secrets).sum();
        int found = byFamily.values().stream().mapToInt(t -> t.found).sum();
        int lookAlikes = byFamily.values().stream().mapToInt(t -> t.lookAlikes).sum();
        int falseAlarms = byFamily.values().stream().mapToInt(t -> t.falseAlarms).sum();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-20s %8s %8s%n", "family", "recall",
                "alarms"));
        byFamily.forEach((family, t) -> report.append(String.format(Locale.ROOT, "%-20s %8s %8s%n", family,
                t.found + "/" + t.secrets, t.falseAlarms + "/" + t.lookAlikes)));
        report.append(String.format(Locale.ROOT, "%-20s %8s %8s  (recall %.1f%%, false alarms %.1f%%, %d samples)%n",
                "all", found + "/" + secrets, falseAlarms + "/" + lookAlikes, 100.0 * found / secrets,
                100.0 * falseAlarms / lookAlikes, samples.size()));
        missed.forEach(m -> report.append("missed: ").append(m).append('\n'));
        alarms.forEach(a -> report.append("false alarm: ").append(a).append('\n'));
        // the corpus report is this test's output
        System.out.print(report);

        assertThat(samples).hasSizeGreaterThanOrEqualTo(400);
        assertThat((double) found / secrets).as(report.toString()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat((double) falseAlarms / lookAlikes).as(report.toString()).isLessThanOrEqualTo(MAX_FALSE_ALARMS);
    }

    @Test
    void everyFormatRuleHasTrueSamplesInTheCorpus() {
        Set<String> sampled = new TreeSet<>();
        samples.stream().filter(Sample::isSecret).forEach(s -> sampled.add(s.expectedRule()));
        Set<String> unsampled = new TreeSet<>();
        for (SecretRule rule : SCANNER.ruleSet().rules()) {
            if (!rule.isGeneric() && !sampled.contains(rule.id())) {
                unsampled.add(rule.id());
            }
        }
        assertThat(unsampled).as("format rules without a sample in " + CORPUS).isEmpty();
        Set<String> ruleIds = new TreeSet<>();
        SCANNER.ruleSet().rules().forEach(r -> ruleIds.add(r.id()));
        assertThat(ruleIds).as("rules the corpus expects").containsAll(sampled);
    }

    @Test
    void checksumOfAGeneratedTokenVerifiesAndAChangedOneDoesNot() {
        String token = expand("ghp_{an:30}{crc}", new Random(7));
        assertThat(Checksum.CRC32_BASE62.verifies(token, 0, token.length())).isTrue();
        char last = token.charAt(token.length() - 1);
        String changed = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(Checksum.CRC32_BASE62.verifies(changed, 0, changed.length())).isFalse();
        assertThat(Checksum.NONE.verifies(token, 0, token.length())).isFalse();
        // a verified token is reported even when its characters would fail the entropy threshold
        String lowEntropy = "ghp_" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
        lowEntropy += Checksum.encode(Checksum.crc32(lowEntropy, 4, lowEntropy.length()));
        assertThat(SCANNER.scan(lowEntropy)).singleElement().satisfies(m -> assertThat(m.rule().id())
                .isEqualTo("github-token"));
        assertThat(SCANNER.scan("ghp_" + "a".repeat(35) + "b")).isEmpty();
    }
}
