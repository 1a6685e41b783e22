package dev.mcpsecrets.policy.checks.internal.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Scans one log file: opened safely, decompressed when gzip, and every problem turned into a sentence. */
public final class LogFileScan {
    private LogFileScan() {
    }

    /**
     * What scanning one file gave.
     *
     * @param result how far the scan got, or {@code null} when the file could not be read at all
     * @param problem why it could not be (wholly) read, or {@code null}
     */
    public record Outcome(LeakScanner.Result result, String problem) {
    }

    /**
     * Scans a file.
     *
     * @param file the file
     * @param scanner the scanner
     * @param budget when to stop
     * @param sink receives what is found
     * @return the outcome; never throws for a file that cannot be read
     */
    public static Outcome scan(Path file, LeakScanner scanner, Budget budget, Consumer<Leak> sink) {
        LeakScanner.Result[] partial = {null};
        try (InputStream in = FileKinds.open(file)) {
            partial[0] = scanner.scan(in, sink, null, budget);
            return new Outcome(partial[0], null);
        } catch (NotRegularFileException e) {
            return new Outcome(null, e.getMessage());
        } catch (AccessDeniedException e) {
            return new Outcome(null, "permission denied");
        } catch (java.util.zip.ZipException e) {
            return new Outcome(null, "not valid gzip data (" + e.getClass().getSimpleName() + ")");
        } catch (java.io.EOFException e) {
            return new Outcome(null, "ends in the middle of its gzip data");
        } catch (IOException | SecurityException e) {
            return new Outcome(null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
