package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rotation, as far as it is knowable offline.
 *
 * <ul>
 *   <li>{@code MCP-ROT-001}: a secret file not changed for longer than {@code rotation.maxAgeDays}
 *       (default 90): none of its credentials can have been rotated since.</li>
 *   <li>{@code MCP-ROT-002}: the same plaintext secret (same keyed fingerprint) in more than one
 *       config: one leak exposes every server that uses it, and rotating means finding them all.</li>
 * </ul>
 */
public final class RotationCheck implements PolicyCheck {
    static final String OLD_FILE = "MCP-ROT-001";
    static final String REUSED = "MCP-ROT-002";
    static final String MAX_AGE_OPTION = "rotation.maxAgeDays";
    private static final long DEFAULT_MAX_AGE_DAYS = 90;
    private final ConfigSecrets secrets = ConfigSecrets.builtIn();

    @Override
    public String id() {
        return OLD_FILE;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(OLD_FILE, REUSED);
    }

    @Override
    public String description() {
        return "Credentials older than the rotation age, and one plaintext secret in several configs";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.CONFIG, PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        long maxDays = maxAgeDays(context);
        Instant now = Instant.now();
        FileSystemView view = context.files();
        List<Path> secretFiles = context.inScope(PolicyScope.MACHINE) ? SecretFiles.secretFiles(context) : List.of();
        for (Path file : secretFiles) {
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                long days = Duration.between(modified, now).toDays();
                if (days > maxDays) {
                    findings.add(Finding.builder(OLD_FILE, Severity.LOW)
                            .title("Credentials older than the rotation age")
                            .message(view.display(file) + " has not changed for " + days + " days (limit " + maxDays
                                    + "): none of the credentials in it has been rotated since")
                            .location(Location.of(file))
                            .remediation("Rotate the credentials in it (new token or password at the issuer, then "
                                    + "update the file), or move them to the keychain / 1Password; set "
                                    + MAX_AGE_OPTION + " to change the limit.")
                            .build());
                }
            } catch (IOException | SecurityException e) {
                // unreadable metadata: the permission checks report the file
            }
        }
        Map<String, List<Plaintext>> byFingerprint = new LinkedHashMap<>();
        List<Plaintext> plaintexts = context.inScope(PolicyScope.CONFIG) ? secrets.find(context) : List.of();
        for (Plaintext p : plaintexts) {
            byFingerprint.computeIfAbsent(context.fingerprinter().fingerprint(p.value()), k -> new ArrayList<>()).add(p);
        }
        for (List<Plaintext> uses : byFingerprint.values()) {
            Set<Path> files = uses.stream().map(p -> p.config().path()).collect(Collectors.toCollection(LinkedHashSet::new));
            if (files.size() > 1) {
                findings.add(reused(uses, files, context));
            }
        }
        return findings.stream();
    }

    private static Finding reused(List<Plaintext> uses, Set<Path> files, PolicyContext context) {
        Plaintext first = uses.get(0);
        String places = uses.stream().map(p -> context.files().display(p.config().path()) + ":"
                + p.carrier().location().line() + " (" + p.server().label() + ")").distinct()
                .collect(Collectors.joining(", "));
        return Finding.builder(REUSED, Severity.HIGH)
                .title("One plaintext secret in several configs")
                .message("The same " + first.kind() + " (" + first.masked(context.fingerprinter()) + ") is stored in "
                        + files.size() + " configs: " + places + "; one leaked file exposes all of them")
                .location(first.carrier().location())
                .remediation("Store it once (keychain:/op://) and reference it from each config through mcp-secrets run; "
                        + "then rotate it, since it has been copied around in plain text.")
                .fingerprintHint(files.stream().map(Path::toString).collect(Collectors.joining("|")))
                .build();
    }

    private static long maxAgeDays(PolicyContext context) {
        String text = context.option(MAX_AGE_OPTION).orElse(String.valueOf(DEFAULT_MAX_AGE_DAYS));
        try {
            long days = Long.parseLong(text.strip());
            if (days > 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + MAX_AGE_OPTION + " must be a positive number of days, not '"
                + text + "'");
    }
}
