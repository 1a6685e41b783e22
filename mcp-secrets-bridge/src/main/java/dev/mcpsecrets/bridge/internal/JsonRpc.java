package dev.mcpsecrets.bridge.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON-RPC message far enough to route it: its kind, the ids of its requests, whether it is
 * {@code initialize}. The bridge forwards the bytes it received, never this parsed form.
 */
final class JsonRpc {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** JSON-RPC: "Invalid JSON was received". */
    static final int PARSE_ERROR = -32700;
    /** Implementation-defined server error: the remote server could not be asked or did not answer. */
    static final int BRIDGE_ERROR = -32000;

    private JsonRpc() {
    }

    /**
     * A message from the client, or a batch of them.
     *
     * @param requestIds the ids of the requests in it (each answered by a response)
     * @param initializeId the id of an {@code initialize} request in it, or {@code null}
     * @param initializedNotification whether it is {@code notifications/initialized}
     */
    record ClientMessage(List<JsonNode> requestIds, JsonNode initializeId, boolean initializedNotification) {
        boolean hasRequests() {
            return !requestIds.isEmpty();
        }
    }

    /** Inspects one line from the client; empty when it is not a JSON object or array. */
    static Optional<ClientMessage> inspectClient(byte[] line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return Optional.empty();
        }
        List<JsonNode> ids = new ArrayList<>();
        JsonNode initialize = null;
        boolean initialized = false;
        for (JsonNode m : root.isArray() ? root : List.of(root)) {
            JsonNode method = m.get("method");
            JsonNode id = m.get("id");
            if (method != null && method.isTextual() && id != null && !id.isNull()) {
                ids.add(id);
                if (method.asText().equals("initialize")) {
                    initialize = id;
                }
            } else if (method != null && "notifications/initialized".equals(method.asText())) {
                initialized = true;
            }
        }
        return Optional.of(new ClientMessage(List.copyOf(ids), initialize, initialized));
    }

    /** The id a server message answers, when it is a response (no method, an id, a result or error). */
    static List<JsonNode> responseIds(JsonNode message) {
        List<JsonNode> ids = new ArrayList<>(1);
        for (JsonNode m : message.isArray() ? message : List.of(message)) {
            JsonNode id = m.get("id");
            if (m.get("method") == null && id != null && (m.has("result") || m.has("error"))) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The protocol version an {@code initialize} result names, if the message is that response. */
    static Optional<String> negotiatedVersion(JsonNode message, JsonNode initializeId) {
        for (JsonNode m : message.isArray() ? message : List.of(message)) {
            if (initializeId.equals(m.get("id"))) {
                JsonNode version = m.path("result").path("protocolVersion");
                if (version.isTextual()) {
                    return Optional.of(version.asText());
                }
            }
        }
        return Optional.empty();
    }

    /** A JSON-RPC error response, on one line. */
    static String errorResponse(JsonNode id, int code, String message) {
        ObjectNode response = MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        try {
            return MAPPER.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error response", e);
        }
    }
}
