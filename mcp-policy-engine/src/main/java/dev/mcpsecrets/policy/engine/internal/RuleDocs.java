package dev.mcpsecrets.policy.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule help texts: {@code docs/rules/<ID>.md} in the sources, packaged as
 * {@code META-INF/mcp-policy/rules/<ID>.md} (outside any package, so a check plugin's own rule docs
 * are readable on the module path and never clash with ours).
 */
public final class RuleDocs {
    /** Resource folder of the rule docs. */
    public static final String RESOURCE_DIR = "META-INF/mcp-policy/rules/";
    private static final Logger LOG = LoggerFactory.getLogger(RuleDocs.class);
    private static final Map<ClassLoader, Map<String, Optional<String>>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private RuleDocs() {
    }

    /**
     * The help text of a rule.
     *
     * @param ruleId the rule id
     * @param loader the class loader of the check that reports the rule
     * @return the Markdown text, or empty when the rule has no docs
     */
    public static Optional<String> help(String ruleId, ClassLoader loader) {
        ClassLoader l = loader != null ? loader : RuleDocs.class.getClassLoader();
        return CACHE.computeIfAbsent(l, k -> new ConcurrentHashMap<>()).computeIfAbsent(ruleId, k -> load(ruleId, l));
    }

    /**
     * The rule's title: the text after {@code "<ID>: "} in the first heading of its help.
     *
     * @param ruleId the rule id
     * @param help the help text
     * @return the title, or empty
     */
    public static Optional<String> title(String ruleId, String help) {
        for (String line : help.split("\n", 5)) {
            if (line.startsWith("# ")) {
                String heading = line.substring(2).strip();
                return Optional.of(heading.startsWith(ruleId + ":") ? heading.substring(ruleId.length() + 1).strip() : heading);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> load(String ruleId, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + ruleId + ".md")) {
            if (in == null) {
                LOG.debug("no help text for rule {}", ruleId);
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            LOG.warn("cannot read the help text of rule {}: {}", ruleId, e.toString());
            return Optional.empty();
        }
    }
}
