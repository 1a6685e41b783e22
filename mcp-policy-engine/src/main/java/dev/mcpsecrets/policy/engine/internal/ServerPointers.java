package dev.mcpsecrets.policy.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the server name out of a JSON pointer into an MCP client config. */
public final class ServerPointers {
    private ServerPointers() {
    }

    /**
     * The server a pointer lies in.
     *
     * @param pointer e.g. {@code /mcpServers/github/env/TOKEN} or
     *     {@code /projects/~1home~1me~1app/mcpServers/db/args/2}
     * @return e.g. {@code github} or {@code db (project /home/me/app)}; empty outside a server entry
     */
    public static Optional<String> serverName(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return Optional.empty();
        }
        List<String> t = tokens(pointer);
        if (t.size() >= 2 && (t.get(0).equals("mcpServers") || t.get(0).equals("servers"))) {
            return Optional.of(t.get(1));
        }
        if (t.size() >= 3 && t.get(0).equals("mcp") && t.get(1).equals("servers")) {
            return Optional.of(t.get(2));
        }
        if (t.size() >= 4 && t.get(0).equals("projects") && t.get(2).equals("mcpServers")) {
            return Optional.of(t.get(3) + " (project " + t.get(1) + ")");
        }
        return Optional.empty();
    }

    private static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }
}
