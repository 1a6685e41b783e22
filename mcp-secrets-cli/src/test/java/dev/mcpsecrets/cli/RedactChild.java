package dev.mcpsecrets.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A server that leaks its secret ({@code T} in its environment) the ways servers do, for the
 * {@code run --redact} tests. Writes go straight to the descriptors, one system call each.
 */
public final class RedactChild {
    /** The JSON-RPC lines the {@code jsonrpc} mode prints, with {@code %s} for the JSON-escaped value. */
    static final String[] JSON_RPC_LINES = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}\n",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"token is %s, é ok\"}]}}\n",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\"%s\",\"n\":12345678}}\n",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"text\":\"no newline at the end\"}}",
    };

    private RedactChild() {
    }

    /**
     * Entry point.
     *
     * @param args the mode
     * @throws Exception if writing fails
     */
    public static void main(String[] args) throws Exception {
        String t = System.getenv("T");
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        switch (args[0]) {
            case "one-write" -> write(err, "leaked: " + t + "\n");
            case "byte-by-byte" -> {
                write(err, "leaked: ");
                for (byte b : t.getBytes(StandardCharsets.UTF_8)) {
                    err.write(b);
                    Thread.sleep(3);
                }
                write(err, "\n");
            }
            case "url" -> {
                String java = URLEncoder.encode(t, StandardCharsets.UTF_8);
                write(err, "GET /cb?token=" + java + "\n");
                write(err, "GET /cb?token=" + java.replace("+", "%20") + "\n");
                write(err, "GET /cb?token=" + java.replace("%2F", "%2f").replace("%22", "%22") + "\n");
            }
            case "base64" -> {
                for (String prefix : new String[] {"", "u:", "ab:"}) {
                    byte[] plain = (prefix + t + "\n").getBytes(StandardCharsets.UTF_8);
                    write(err, "Authorization: Basic " + Base64.getEncoder().encodeToString(plain) + "\n");
                    write(err, "state=" + Base64.getUrlEncoder().encodeToString(plain) + "\n");
                }
            }
            case "json" -> write(err, "{\"level\":\"error\",\"msg\":\"auth failed for " + jsonEscape(t) + "\"}\n");
            case "jsonrpc" -> {
                for (String line : JSON_RPC_LINES) {
                    write(out, line.replace("%s", jsonEscape(t)));
                }
                write(err, "served " + t + "\n");
            }
            case "exit" -> {
                write(err, "failing with " + t + "\n");
                System.exit(Integer.parseInt(args[1]));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void write(OutputStream to, String text) throws IOException {
        to.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
