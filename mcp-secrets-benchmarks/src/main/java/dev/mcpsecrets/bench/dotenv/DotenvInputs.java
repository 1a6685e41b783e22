package dev.mcpsecrets.bench.dotenv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated {@code .env} inputs of the dotenv benchmarks, written in a syntax that both parsers accept
 * (no {@code export}, no expansion), so that both do the same work.
 */
final class DotenvInputs {
    private DotenvInputs() {
    }

    /** (a) 10,000 plain {@code KEY=value} lines. */
    static String plainLines(int lines) {
        StringBuilder text = new StringBuilder(lines * 40);
        for (int i = 0; i < lines; i++) {
            text.append("KEY_").append(i).append("=value-").append(i).append("-abcdefghijklmnopqrstuv\n");
        }
        return text.toString();
    }

    /** (b) one double-quoted value of {@code lines} lines. */
    static String multilineValue(int lines) {
        StringBuilder text = new StringBuilder(lines * 66).append("BEFORE=1\nBIG=\"");
        for (int i = 0; i < lines; i++) {
            text.append(i == 0 ? "" : "\n").append("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC").append(i % 10);
        }
        return text.append("\"\nAFTER=2\n").toString();
    }

    /**
     * (c) a mixed file of about {@code bytes} bytes: comments, blank lines, bare, single- and double-quoted
     * values, trailing comments and short multiline values (PEM-like, 4 lines).
     */
    static String mixed(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 256);
        int i = 0;
        while (text.length() < bytes) {
            switch (i % 8) {
                case 0 -> text.append("# section ").append(i).append('\n');
                case 1 -> text.append("DATABASE_URL_").append(i).append("=postgres://app:pw").append(i)
                        .append("@db.internal:5432/app\n");
                case 2 -> text.append("API_TOKEN_").append(i).append("='tok_").append(i)
                        .append("_0123456789abcdef0123456789abcdef'\n");
                case 3 -> text.append("GREETING_").append(i).append("=\"hello world ").append(i).append("\"\n");
                case 4 -> text.append('\n');
                case 5 -> text.append("PORT_").append(i).append("=8080 # default port\n");
                case 6 -> text.append("CERT_").append(i).append("=\"-----BEGIN CERTIFICATE-----\nMIIB")
                        .append(i).append("abcdef\nghijkl\n-----END CERTIFICATE-----\"\n");
                default -> text.append("FLAG_").append(i).append("=true\n");
            }
            i++;
        }
        return text.toString();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
