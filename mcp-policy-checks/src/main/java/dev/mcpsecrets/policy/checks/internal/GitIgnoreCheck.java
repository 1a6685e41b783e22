package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code MCP-GIT-001}: a file holding secrets (a {@code .env}, a file of the secrets directory, a
 * config with plaintext secrets) inside a git work tree and not ignored, as {@code git check-ignore}
 * decides (so global excludes count), or already tracked.
 */
public final class GitIgnoreCheck implements PolicyCheck {
    static final String ID = "MCP-GIT-001";
    private final ConfigSecrets secrets = ConfigSecrets.builtIn();
    private final String gitProgram;

    /** The check, running {@code git} from the PATH. */
    public GitIgnoreCheck() {
        this("git");
    }

    /** The check running another program name than {@code git} (tests: a machine without git). */
    GitIgnoreCheck(String gitProgram) {
        this.gitProgram = gitProgram;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Secret files that git would commit";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        FileSystemView view = context.files();
        GitCli git = new GitCli(view, GitCli.timeout(context.option("git.timeoutSeconds"), Duration.ofSeconds(30)),
                gitProgram);
        Set<Path> files = new LinkedHashSet<>(SecretFiles.secretFiles(context));
        secrets.find(context).forEach(p -> files.add(p.config().path().toAbsolutePath().normalize()));
        Map<Path, Optional<Path>> trees = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            try {
                Path dir = file.getParent();
                Optional<Path> tree = trees.get(dir);
                if (tree == null) {
                    tree = git.workTree(dir);
                    trees.put(dir, tree);
                }
                if (tree.isEmpty()) {
                    continue;
                }
                String relative = tree.get().relativize(file.toRealPath()).toString();
                if (relative.startsWith("..")) {
                    continue;
                }
                int ignored = git.run(tree.get(), List.of("check-ignore", "-q", "--", relative), line -> { });
                if (ignored == 0) {
                    continue;
                }
                if (ignored != 1) {
                    throw new IOException("git check-ignore exited with " + ignored);
                }
                boolean tracked = git.run(tree.get(), List.of("ls-files", "--error-unmatch", "--", relative),
                        line -> { }) == 0;
                findings.add(finding(view, tree.get(), file, relative, tracked));
            } catch (GitCli.NotInstalled e) {
                findings.add(GitCli.notInstalled(ID, "whether git would commit the secret files ("
                        + files.stream().map(view::display).collect(java.util.stream.Collectors.joining(", ")) + ")"));
                return findings.stream();
            } catch (IOException e) {
                throw new UncheckedIOException("git could not check " + view.display(file) + ": " + e.getMessage(), e);
            }
        }
        return findings.stream();
    }

    private static Finding finding(FileSystemView view, Path tree, Path file, String relative, boolean tracked) {
        String fix = tracked
                ? "Rotate the secrets in it, then: git -C " + view.display(tree) + " rm --cached -- " + relative
                        + " && echo '" + relative + "' >> " + view.display(tree.resolve(".gitignore"))
                : "echo '" + relative + "' >> " + view.display(tree.resolve(".gitignore"))
                        + "  (or for every repository: echo '" + file.getFileName() + "' >> ~/.gitignore with git config "
                        + "--global core.excludesFile ~/.gitignore)";
        return Finding.builder(ID, tracked ? Severity.CRITICAL : Severity.HIGH)
                .title("Secret file not ignored by git")
                .message(view.display(file) + " holds secrets and is " + (tracked ? "tracked by" : "not ignored by")
                        + " the git repository " + view.display(tree)
                        + (tracked ? ": its secrets are in the history and go wherever the repository is pushed"
                                : ": the next git add . commits it"))
                .location(Location.of(file))
                .remediation(fix)
                .build();
    }
}
