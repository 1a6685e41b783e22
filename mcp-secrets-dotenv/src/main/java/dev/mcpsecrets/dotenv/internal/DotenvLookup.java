package dev.mcpsecrets.dotenv.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.internal.files.FileLimitException;
import dev.mcpsecrets.api.internal.files.FileSafety;
import dev.mcpsecrets.dotenv.DotenvEntry;
import dev.mcpsecrets.dotenv.DotenvFile;
import dev.mcpsecrets.dotenv.DotenvProblem;
import dev.mcpsecrets.dotenv.DotenvResult;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work behind {@link DotenvProvider}, loaded on its first resolve: {@code dotenv:KEY}
 * (profile-aware search, see {@link SearchPath}) and {@code dotenv:/path/file.env#KEY}.
 *
 * <p>Every file read is checked by {@link FileSafety}: in the production profile an unsafe file refuses
 * the resolution with {@link Reason#DENIED} and the fix in the message (fail closed: skipping it could
 * serve a different value than the one the user meant); in other profiles it is a warning, logged once
 * per file. Which file served a key is logged and recorded as the secret's origin.
 */
final class DotenvLookup {
    /** Created on first use: SLF4J starts only when a lookup has something to log. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(DotenvProvider.class);
    }
    private final ParsedFiles files = new ParsedFiles();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Resolves a {@code dotenv:} reference.
     *
     * @param ref the reference
     * @param ctx profile, deadline and environment
     * @return the secret, owned by the caller
     * @throws SecretException with the reason it could not be had
     */
    Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        String body = ref.body();
        int hash = body.lastIndexOf('#');
        String key = hash < 0 ? body : body.substring(hash + 1);
        if (!DotenvFile.isValidKey(key)) {
            throw MalformedRefException.of(ref, -1, hash < 0
                    ? "expected dotenv:KEY or dotenv:/path/to/file.env#KEY; a key is letters, digits, '_', '.', '-'"
                    : "the part after '#' must be a key of letters, digits, '_', '.', '-'");
        }
        List<Candidate> candidates = hash < 0 ? searchPath(ctx) : List.of(explicitFile(ref, body.substring(0, hash), ctx));
        String user = System.getProperty("user.name", "");
        List<String> searched = new ArrayList<>();
        String parseHint = "";
        for (Candidate candidate : candidates) {
            if (ctx.isExpired()) {
                throw new SecretException(Reason.TIMEOUT, ref.format(), "timed out after searching " + searched);
            }
            if (!Files.exists(candidate.file())) {
                continue;
            }
            searched.add(candidate.file().toString());
            checkSafety(ref, candidate, user, ctx);
            DotenvResult result = read(ref, candidate.file(), ctx);
            Optional<DotenvEntry> entry = result.find(key);
            if (entry.isPresent()) {
                String origin = "file " + candidate.file() + " line " + entry.get().line();
                Log.LOG.info("{} served from {}", ref.format(), origin);
                Secret value = entry.get().value();
                try {
                    return value.withOrigin(origin);
                } finally {
                    value.destroy();
                }
            }
            if (parseHint.isEmpty() && result.hasErrors()) {
                DotenvProblem first = result.problems().stream()
                        .filter(p -> p.severity() == DotenvProblem.Severity.ERROR).findFirst().orElseThrow();
                parseHint = "; note: " + first.message();
            }
        }
        if (hash >= 0 && searched.isEmpty()) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no file " + candidates.get(0).file());
        }
        throw new SecretException(Reason.NOT_FOUND, ref.format(), key + " is not defined in "
                + (searched.isEmpty() ? "any .env file (none of " + names(candidates) + " exists)" : searched)
                + parseHint);
    }

    private record Candidate(Path file, Path dedicatedDirectory) {
    }

    private static List<Candidate> searchPath(ResolveContext ctx) {
        List<Candidate> candidates = new ArrayList<>();
        for (SearchPath.Directory dir : SearchPath.directories(ctx)) {
            for (String name : SearchPath.fileNames(ctx)) {
                candidates.add(new Candidate(dir.dir().resolve(name), dir.dedicated() ? dir.dir() : null));
            }
        }
        return candidates;
    }

    private static Candidate explicitFile(SecretRef ref, String path, ResolveContext ctx) throws SecretException {
        try {
            if (path.isEmpty()) {
                throw MalformedRefException.of(ref, ref.scheme().length() + 1, "the file name before '#' is empty");
            }
            Path file;
            if (path.startsWith("~/")) {
                String home = ctx.getenv("HOME");
                file = Paths.get(home == null || home.isBlank() ? System.getProperty("user.home") : home,
                        path.substring(2)).toAbsolutePath().normalize();
            } else {
                file = Paths.get(path).toAbsolutePath().normalize();
            }
            // A file named explicitly inside a dedicated secrets directory is held to that directory's rule too.
            Path dedicated = SearchPath.directories(ctx).stream()
                    .filter(d -> d.dedicated() && d.dir().equals(file.getParent()))
                    .map(SearchPath.Directory::dir).findFirst().orElse(null);
            return new Candidate(file, dedicated);
        } catch (InvalidPathException e) {
            throw MalformedRefException.of(ref, -1, "not a valid path: " + e.getReason());
        }
    }

    private void checkSafety(SecretRef ref, Candidate candidate, String user, ResolveContext ctx)
            throws SecretException {
        List<FileSafety.Violation> violations = new ArrayList<>(FileSafety.checkFile(candidate.file(), user));
        if (candidate.dedicatedDirectory() != null) {
            violations.addAll(FileSafety.checkDirectory(candidate.dedicatedDirectory(), user));
        }
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder problems = new StringBuilder();
        StringBuilder fixes = new StringBuilder();
        for (FileSafety.Violation violation : violations) {
            problems.append(problems.length() == 0 ? "" : "; ").append(violation.problem());
            fixes.append(fixes.length() == 0 ? "" : " && ").append(violation.fix());
        }
        if (ctx.profile().isProduction()) {
            throw new SecretException(Reason.DENIED, ref.format(),
                    problems + "; refused in the production profile. Fix: " + fixes);
        }
        if (warned.add(candidate.file().toString())) {
            Log.LOG.warn("{}; the production profile would refuse it. Fix: {}", problems, fixes);
        }
    }

    private DotenvResult read(SecretRef ref, Path file, ResolveContext ctx) throws SecretException {
        try {
            return files.get(file.toRealPath(), ctx.environment());
        } catch (NoSuchFileException e) {
            throw new SecretException(Reason.NOT_FOUND, ref.format(), "no file " + file);
        } catch (AccessDeniedException e) {
            throw new SecretException(Reason.DENIED, ref.format(), "no permission to read " + file);
        } catch (ParsedFiles.TooLargeException e) {
            throw new SecretException(Reason.MALFORMED, ref.format(), e.getMessage());
        } catch (FileLimitException e) {
            throw new SecretException(e.problem() == FileLimitException.Problem.TOO_LARGE ? Reason.MALFORMED
                    : Reason.DENIED, ref.format(), e.getMessage());
        } catch (IOException e) {
            throw new SecretException(Reason.UNAVAILABLE, ref.format(),
                    "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static String names(List<Candidate> candidates) {
        List<String> names = new ArrayList<>();
        for (Candidate candidate : candidates) {
            names.add(candidate.file().toString());
        }
        return String.join(", ", names);
    }

}
