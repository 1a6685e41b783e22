package dev.mcpsecrets.cli;

import java.io.IOException;

/**
 * The jar's main class: answers {@code --version} before any command class (or picocli, whose classes
 * cannot be class-data shared) is loaded, and hands everything else to {@link Main}.
 */
public final class Entry {
    private Entry() {
    }

    /**
     * Entry point of {@code java -jar mcp-secrets.jar}.
     *
     * @param args command-line arguments
     * @throws IOException if the version cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : VersionProvider.lines()) {
                System.out.println(line);
            }
            return;
        }
        Main.main(args);
    }
}
