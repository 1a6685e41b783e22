package dev.mcpsecrets.policy.checks.internal;

import dev.mcpsecrets.policy.source.FileSystemView;
import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.source.Location;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import dev.mcpsecrets.policy.PolicyScope;
import dev.mcpsecrets.policy.Severity;
import dev.mcpsecrets.policy.config.McpConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who can read and change the files that hold or launch secrets (POSIX file systems only).
 *
 * <ul>
 *   <li>{@code MCP-PERM-001}: a secret file (or a config holding a plaintext secret) readable by group
 *       or others, or a config writable by them (they could make the client run any command).</li>
 *   <li>{@code MCP-PERM-002}: a secrets directory that is not {@code 700}.</li>
 *   <li>{@code MCP-PERM-003}: a shell rc file looser than the guide's {@code 600}/{@code 644}.</li>
 *   <li>{@code MCP-PERM-004}: one of these files owned by another user.</li>
 * </ul>
 */
public final class FilePermissionCheck implements PolicyCheck {
    static final String SECRET_FILE = "MCP-PERM-001";
    static final String SECRET_DIR = "MCP-PERM-002";
    static final String RC_FILE = "MCP-PERM-003";
    static final String OWNER = "MCP-PERM-004";
    private static final Set<PosixFilePermission> GROUP_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final ConfigSecrets secrets = ConfigSecrets.builtIn();

    @Override
    public String id() {
        return SECRET_FILE;
    }

    @Override
    public Set<String> ruleIds() {
        return Set.of(SECRET_FILE, SECRET_DIR, RC_FILE, OWNER);
    }

    @Override
    public String description() {
        return "Permissions and ownership of secret files, secret directories, configs and shell rc files";
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.MACHINE);
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        List<Finding> findings = new ArrayList<>();
        FileSystemView view = context.files();
        Optional<UserPrincipal> user = owner(view.home());
        Set<Path> withPlaintext = new LinkedHashSet<>();
        secrets.find(context).forEach(p -> withPlaintext.add(p.config().path()));
        for (Path file : SecretFiles.secretFiles(context)) {
            perms(file).ifPresent(p -> {
                if (!intersect(p, GROUP_OTHERS).isEmpty()) {
                    findings.add(finding(SECRET_FILE, Severity.HIGH, "Secret file readable by others", file,
                            view.display(file) + " holds secrets and has mode " + PosixFilePermissions.toString(p)
                                    + ": other users of this machine can read it", "chmod 600 " + view.display(file)));
                }
            });
            ownedBy(file, user, view, findings);
        }
        for (McpConfigFile config : context.configs()) {
            Path file = config.path();
            perms(file).ifPresent(p -> {
                boolean readable = !intersect(p, READ).isEmpty() && withPlaintext.contains(file);
                boolean writable = !intersect(p, WRITE).isEmpty();
                if (readable || writable) {
                    findings.add(finding(SECRET_FILE, Severity.HIGH, "Secret file readable by others", file,
                            view.display(file) + " has mode " + PosixFilePermissions.toString(p) + (writable
                                    ? ": other users can change it and make the client run any command"
                                    : " and holds plaintext secrets: other users can read them"),
                            "chmod 600 " + view.display(file) + (readable ? " (and move the secrets out of it)" : "")));
                }
            });
            ownedBy(file, user, view, findings);
        }
        for (Path dir : SecretFiles.secretDirectories(view)) {
            perms(dir).ifPresent(p -> {
                if (!intersect(p, GROUP_OTHERS).isEmpty()) {
                    findings.add(finding(SECRET_DIR, Severity.MEDIUM, "Secrets directory is not 700", dir,
                            view.display(dir) + " has mode " + PosixFilePermissions.toString(p)
                                    + ": others can list it and read any file created in it with a loose umask",
                            "chmod 700 " + view.display(dir)));
                }
            });
            ownedBy(dir, user, view, findings);
        }
        for (Path rc : SecretFiles.rcFiles(view)) {
            perms(rc).ifPresent(p -> {
                if (!intersect(p, WRITE).isEmpty() || p.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    findings.add(finding(RC_FILE, Severity.MEDIUM, "Shell startup file with loose permissions", rc,
                            view.display(rc) + " has mode " + PosixFilePermissions.toString(p) + ", looser than 644: "
                                    + "others can add commands that run in every shell you open",
                            "chmod 600 " + view.display(rc) + "  (644 if it must stay readable; 600 when it holds secrets)"));
                }
            });
            ownedBy(rc, user, view, findings);
        }
        return findings.stream();
    }

    private static void ownedBy(Path file, Optional<UserPrincipal> user, FileSystemView view, List<Finding> findings) {
        Optional<UserPrincipal> owner = owner(file);
        if (user.isPresent() && owner.isPresent() && !owner.get().equals(user.get())) {
            findings.add(finding(OWNER, Severity.HIGH, "File owned by another user", file,
                    view.display(file) + " is owned by " + owner.get().getName() + ", not by " + user.get().getName()
                            + " who owns the home directory: that user can change it", "sudo chown "
                            + user.get().getName() + " " + view.display(file)));
        }
    }

    private static Finding finding(String rule, Severity severity, String title, Path file, String message, String fix) {
        return Finding.builder(rule, severity).title(title).message(message).location(Location.of(file))
                .remediation(fix).build();
    }

    private static Optional<Set<PosixFilePermission>> perms(Path p) {
        try {
            return Optional.of(Files.getPosixFilePermissions(p));
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<UserPrincipal> owner(Path p) {
        try {
            return Optional.of(Files.getOwner(p));
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Set<PosixFilePermission> intersect(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
        Set<PosixFilePermission> r = EnumSet.noneOf(PosixFilePermission.class);
        r.addAll(a);
        r.retainAll(b);
        return r;
    }
}
