package dev.mcpsecrets.policy.engine;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.source.Location;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** Small checks for engine tests. */
final class TestChecks {
    private TestChecks() {
    }

    static PolicyCheck of(String id, Function<PolicyContext, Stream<Finding>> body) {
        return new PolicyCheck() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Stream<Finding> run(PolicyContext context) {
                return body.apply(context);
            }
        };
    }

    static PolicyCheck live(String id) {
        return new PolicyCheck() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Set<PolicyScope> scopes() {
                return Set.of(PolicyScope.LIVE);
            }

            @Override
            public Stream<Finding> run(PolicyContext context) {
                return Stream.of(finding(id, Severity.INFO, Path.of("/live"), "/probe"));
            }
        };
    }

    static PolicyCheck multi(String id, Set<String> rules, List<Finding> findings) {
        return new PolicyCheck() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Set<String> ruleIds() {
                return rules;
            }

            @Override
            public Stream<Finding> run(PolicyContext context) {
                return findings.stream();
            }
        };
    }

    static Finding finding(String rule, Severity severity, Path file, String pointer) {
        return Finding.builder(rule, severity).title("Test rule " + rule).message("something at " + pointer)
                .location(new Location(file, 2, 3, pointer)).remediation("do the fix").build();
    }
}
