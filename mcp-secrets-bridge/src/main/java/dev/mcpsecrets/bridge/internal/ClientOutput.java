package dev.mcpsecrets.bridge.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's side: standard output, one message per line, and the requests still waiting for a
 * response. Every request the client sent gets exactly one response from here, the server's or an
 * error saying why there is none, so a client never waits on a request the bridge gave up.
 */
final class ClientOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ClientOutput.class);

    private final OutputStream out;
    private final Map<JsonNode, Boolean> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ClientOutput(OutputStream out) {
        this.out = out;
    }

    /** Registers a request the client waits on. */
    void expect(JsonNode id) {
        pending.put(id, Boolean.TRUE);
    }

    /** Whether the request is still waiting for its response. */
    boolean isPending(JsonNode id) {
        return pending.containsKey(id);
    }

    /**
     * Writes one message from the server. Line breaks are JSON whitespace in a valid message (a raw
     * one inside a string is invalid JSON), so turning them into spaces keeps the message and meets
     * stdio's one-message-per-line rule; anything that is not JSON is dropped, never written.
     *
     * @return the parsed message, or empty when it was not JSON
     * @throws IOException when the client's end is gone
     */
    Optional<JsonNode> send(String message) throws IOException {
        JsonNode parsed;
        try {
            parsed = JsonRpc.MAPPER.readTree(message);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed == null || !(parsed.isObject() || parsed.isArray())) {
            LOG.warn("the remote server sent something that is not a JSON-RPC message ({} characters); dropped",
                    message.length());
            return Optional.empty();
        }
        String line = message.indexOf('\n') < 0 && message.indexOf('\r') < 0 ? message
                : message.replace('\r', ' ').replace('\n', ' ');
        write(line);
        for (JsonNode id : JsonRpc.responseIds(parsed)) {
            pending.remove(id);
        }
        return Optional.of(parsed);
    }

    /** Answers each of these requests that is still waiting with an error saying why. */
    void fail(Collection<JsonNode> ids, String reason) {
        for (JsonNode id : ids) {
            if (pending.remove(id) != null) {
                writeQuietly(JsonRpc.errorResponse(id, JsonRpc.BRIDGE_ERROR, "mcp-secrets bridge: " + reason));
            }
        }
    }

    /** Answers every waiting request with an error: the bridge is about to stop. */
    void failAll(String reason) {
        fail(new ArrayList<>(pending.keySet()), reason);
    }

    /** Answers a line that was not JSON (JSON-RPC's parse error, id null). */
    void parseError(String reason) {
        writeQuietly(JsonRpc.errorResponse(NullNode.getInstance(), JsonRpc.PARSE_ERROR, "mcp-secrets bridge: " + reason));
    }

    boolean isClosed() {
        return closed;
    }

    List<JsonNode> pendingIds() {
        return List.copyOf(pending.keySet());
    }

    private void writeQuietly(String line) {
        try {
            write(line);
        } catch (IOException e) {
            LOG.debug("the client's end is gone; response not written");
        }
    }

    private void write(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                closed = true;
                throw e;
            }
        }
    }
}
