package dev.mcpsecrets.dotenv.internal;

import dev.mcpsecrets.api.internal.files.FileLimits;
import dev.mcpsecrets.dotenv.DotenvParser;
import dev.mcpsecrets.dotenv.DotenvProblem;
import dev.mcpsecrets.dotenv.DotenvResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed {@code .env} files, re-read when a file's modification time or size changes. Parsing is lenient:
 * a line that does not parse is logged (position and reason, never content) and the other keys still serve.
 */
final class ParsedFiles {
    /** Larger files are refused: a .env file this big is a mistake or an attack. */
    static final long MAX_SIZE = FileLimits.MAX_DOTENV_BYTES;
    /** Created on first use: discovering the provider at start-up must not start SLF4J. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(ParsedFiles.class);
    }

    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(FileTime modified, long size, Map<String, String> environment, DotenvResult result) {
    }

    /** Thrown when a file is larger than {@link #MAX_SIZE}. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(Path file, long size) {
            super(file + " is " + size + " bytes; a .env file may hold at most " + MAX_SIZE);
        }
    }

    /**
     * The parsed content of a file.
     *
     * @param real the file's real path
     * @param environment the variables expansion falls back on
     * @return the parse result
     * @throws IOException if the file cannot be read or is too large
     */
    DotenvResult get(Path real, Map<String, String> environment) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        Cached cached = cache.get(real);
        if (cached != null && cached.modified().equals(attributes.lastModifiedTime())
                && cached.size() == attributes.size() && cached.environment().equals(environment)) {
            return cached.result();
        }
        if (attributes.size() > MAX_SIZE) {
            throw new TooLargeException(real, attributes.size());
        }
        DotenvResult result = DotenvParser.builder().strict(false).environment(environment).build().parse(real);
        for (DotenvProblem problem : result.problems()) {
            Log.LOG.warn("{}", problem.message());
        }
        cache.put(real, new Cached(attributes.lastModifiedTime(), attributes.size(), environment, result));
        return result;
    }
}
