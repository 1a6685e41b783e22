package dev.mcpsecrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The version Maven wrote into the jar's manifest (or, from a classes directory, into version.txt). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return lines();
    }

    /** The lines of {@code --version}; static so that {@link Entry} can answer without loading picocli. */
    static String[] lines() throws IOException {
        // the manifest is already read when the class loads; a resource lookup would cost --version ~5 ms
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = fromResource();
        }
        // String.concat, not +: string concatenation would spin classes at run time, costing --version ~10 ms
        // the runtime by version, vendor and place: the bundled one of the self-contained archive
        // (<install>/runtime) or the machine's
        String runtime = "Java ".concat(System.getProperty("java.version")).concat(" (")
                .concat(System.getProperty("java.vendor")).concat(", ").concat(System.getProperty("java.home"))
                .concat(")");
        return new String[] {"mcp-secrets ".concat(version), runtime};
    }

    private static String fromResource() throws IOException {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
