package dev.mcpsecrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Reads the version Maven wrote into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.txt")) {
            String version = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            // String.concat, not +: string concatenation would spin classes at run time, costing --version ~10 ms
            return new String[] {"mcp-secrets ".concat(version), "Java ".concat(System.getProperty("java.version"))};
        }
    }
}
