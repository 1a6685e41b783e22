package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.checks.internal.scan.SecretMatch;
import dev.mcpsecrets.policy.checks.internal.scan.SecretScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code MCP-GIT-002}: secrets in the git history of the project ({@code git log --all -p}, every
 * branch and tag). Each secret is reported once, with the oldest commit and path that added it and
 * the rule that matched, never with its value: deleting the file does not remove it from the history.
 */
public final class GitHistoryCheck implements PolicyCheck {
    static final String ID = "MCP-GIT-002";
    private static final int MAX_CHUNK = 8 * 1024 * 1024;
    private final SecretScanner scanner;

    /** The check with the built-in rules. */
    public GitHistoryCheck() {
        this(SecretScanner.builtIn());
    }

    GitHistoryCheck(SecretScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Secrets in the project's git history";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.HISTORY);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        FileSystemView view = context.files();
        GitCli git = new GitCli(view, GitCli.timeout(context.option("git.timeoutSeconds"), Duration.ofSeconds(120)));
        Optional<Path> tree;
        try {
            tree = git.workTree(view.workingDirectory());
        } catch (GitCli.NotInstalled e) {
            return Stream.of(GitCli.notInstalled(ID, "the git history of " + view.display(view.workingDirectory())));
        } catch (IOException e) {
            throw new UncheckedIOException("git could not examine " + view.display(view.workingDirectory()) + ": "
                    + e.getMessage(), e);
        }
        if (tree.isEmpty()) {
            return Stream.empty();
        }
        HistoryScan scan = new HistoryScan(context);
        try {
            int code = git.run(tree.get(), List.of("log", "--all", "-p", "--no-color", "--no-ext-diff", "--no-textconv",
                    "-U0", "--format=commit %H"), scan::line);
            scan.flush();
            if (code != 0 && scan.commits == 0) {
                return Stream.empty();
            }
        } catch (GitCli.NotInstalled e) {
            return Stream.of(GitCli.notInstalled(ID, "the git history of " + view.display(tree.get())));
        } catch (IOException e) {
            throw new UncheckedIOException("git log in " + view.display(tree.get()) + " failed: " + e.getMessage(), e);
        }
        List<Finding> findings = new ArrayList<>();
        scan.found.values().forEach(h -> findings.add(finding(view, tree.get(), h)));
        return findings.stream();
    }

    private static Finding finding(FileSystemView view, Path tree, Hit h) {
        String commit = h.commit.substring(0, Math.min(12, h.commit.length()));
        return Finding.builder(ID, Severity.CRITICAL)
                .title("Secret in git history")
                .message("Commit " + commit + " added a " + h.kind + " (" + h.masked + ") to " + h.path + " in "
                        + view.display(tree) + " (rule " + h.rule + "); it stays in every clone even after the file "
                        + "is changed or deleted")
                .location(Location.of(tree.resolve(h.path)))
                .remediation("Rotate the credential now (revoke it at its issuer), then move it to a reference "
                        + "(keychain:, op://) and, if the repository is shared, rewrite the history: git filter-repo "
                        + "--invert-paths --path " + h.path + "  and force-push; also add the file to .gitignore.")
                .fingerprintHint(h.commit + ":" + h.path + ":" + h.rule)
                .build();
    }

    /** One secret in the history: the oldest commit seen so far that added it. */
    private record Hit(String commit, String path, String rule, String kind, String masked) {
    }

    /** Reads the {@code git log -p} stream: commits, file headers and added lines. */
    private final class HistoryScan {
        private final PolicyContext context;
        private final Map<String, Hit> found = new LinkedHashMap<>();
        private final StringBuilder added = new StringBuilder();
        private String commit = "";
        private String path;
        private int commits;

        HistoryScan(PolicyContext context) {
            this.context = context;
        }

        void line(String line) {
            if (line.startsWith("commit ") && line.length() >= 47) {
                flush();
                commit = line.substring(7).strip();
                commits++;
                path = null;
            } else if (line.startsWith("diff --git ")) {
                flush();
                path = null;
            } else if (line.startsWith("+++ ")) {
                path = line.startsWith("+++ b/") ? line.substring(6) : null;
            } else if (path != null && line.startsWith("+")) {
                added.append(line, 1, line.length()).append('\n');
                if (added.length() > MAX_CHUNK) {
                    flush();
                }
            }
        }

        void flush() {
            if (added.length() == 0 || path == null) {
                added.setLength(0);
                return;
            }
            String text = added.toString();
            added.setLength(0);
            for (SecretMatch m : scanner.scan(text)) {
                String value = m.value(text);
                String fingerprint = context.fingerprinter().fingerprint(value);
                String key = path + "\0" + m.rule().id() + "\0" + fingerprint;
                // git log lists newest first: the last commit seen is the one that introduced the secret
                found.remove(key);
                found.put(key, new Hit(commit, path, m.rule().id(), m.rule().kind(),
                        Plaintext.Masks.describe(m.rule().kind(), value, context.fingerprinter())));
            }
        }
    }
}
