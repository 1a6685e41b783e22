package dev.mcpsecrets.policy.engine.internal;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds checks with {@link ServiceLoader}; a plugin that fails to load is logged and skipped. */
public final class CheckDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(CheckDiscovery.class);
    /** Guards against a class loader that keeps failing on the same entry. */
    private static final int MAX_FAILURES = 64;

    private CheckDiscovery() {
    }

    /**
     * Loads every check visible to the loader.
     *
     * @param loader the class loader, or {@code null} for the module layer / context loader
     * @return the checks that loaded, with valid and unique ids, in discovery order
     */
    public static List<PolicyCheck> discover(ClassLoader loader) {
        ServiceLoader<PolicyCheck> serviceLoader = loader == null
                ? ServiceLoader.load(PolicyCheck.class)
                : ServiceLoader.load(PolicyCheck.class, loader);
        List<PolicyCheck> found = new ArrayList<>();
        Iterator<PolicyCheck> it = serviceLoader.iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                PolicyCheck check = it.next();
                String problem = validate(check);
                if (problem != null) {
                    LOG.warn("skipping policy check {}: {}", check.getClass().getName(), problem);
                    continue;
                }
                found.add(check);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures++;
                // the JDK's own message names the provider class; a plugin's messages are never logged
                String which = e instanceof ServiceConfigurationError ? e.getMessage() + "; " : "";
                LOG.warn("skipping a policy check that failed to load: {}{}", which, Throwables.describe(e));
            }
        }
        return dedupe(found);
    }

    /**
     * Keeps the first check of each id.
     *
     * @param checks the checks
     * @return the checks with unique ids
     */
    public static List<PolicyCheck> dedupe(List<PolicyCheck> checks) {
        Set<String> ids = new HashSet<>();
        List<PolicyCheck> unique = new ArrayList<>();
        for (PolicyCheck c : checks) {
            if (ids.add(c.id())) {
                unique.add(c);
            } else {
                LOG.warn("skipping policy check {}: id {} is already taken", c.getClass().getName(), c.id());
            }
        }
        return unique;
    }

    /**
     * Why a check cannot be used, or {@code null} when it can.
     *
     * @param check the check
     * @return the problem, or {@code null}
     */
    public static String validate(PolicyCheck check) {
        String id = check.id();
        if (id == null || !Finding.RULE_ID.matcher(id).matches()) {
            return "its id is not a rule id such as MCP-FS-001";
        }
        Set<String> rules = check.ruleIds();
        if (rules == null || rules.isEmpty() || rules.stream().anyMatch(r -> r == null || !Finding.RULE_ID.matcher(r).matches())) {
            return "its rule ids are missing or invalid";
        }
        java.util.Set<dev.mcpsecrets.policy.PolicyScope> scopes = check.scopes();
        if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(java.util.Objects::isNull)) {
            return "it declares no scope";
        }
        return null;
    }
}
