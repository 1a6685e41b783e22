package dev.mcpsecrets.bridge.internal;

import dev.mcpsecrets.api.ResolveAllException;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The headers added to every request, resolved once at start and again when the server rejects them
 * (a provider may hold a newer value than the one read at start: a rotated token in a keychain,
 * a {@code .env} file or 1Password). The values live here only; they never reach a log or a message.
 */
public final class HeaderSet {
    private final List<HeaderTemplate> templates;
    private final Secrets secrets;
    private Map<String, String> values = Map.of();

    /**
     * @param templates the headers, in order
     * @param secrets where references are resolved; {@code null} when no template holds one
     */
    public HeaderSet(List<HeaderTemplate> templates, Secrets secrets) {
        this.templates = List.copyOf(templates);
        this.secrets = secrets;
        if (secrets == null && templates.stream().anyMatch(t -> !t.isLiteral())) {
            throw new IllegalArgumentException("references need a Secrets instance");
        }
    }

    /** Whether any header is set at all (plain {@code http://} to another host is then refused). */
    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /** Whether re-resolving could give other values. */
    public boolean hasReferences() {
        return templates.stream().anyMatch(t -> !t.isLiteral());
    }

    /** The templates, for messages and warnings. */
    public List<HeaderTemplate> templates() {
        return templates;
    }

    /**
     * Resolves every reference (one batch per provider).
     *
     * @throws BridgeFailure (secret unavailable) naming the header and reference that failed
     */
    public synchronized void resolve() {
        values = Map.copyOf(resolveAll());
    }

    /**
     * Forgets cached values and resolves again.
     *
     * @return whether any header now has another value (only then is a retry worth it)
     */
    public synchronized boolean refresh() {
        if (!hasReferences()) {
            return false;
        }
        secrets.invalidate();
        Map<String, String> fresh = resolveAll();
        boolean changed = !fresh.equals(values);
        values = Map.copyOf(fresh);
        return changed;
    }

    /** The current header values by name, in order. */
    public synchronized Map<String, String> values() {
        return values;
    }

    /** The headers that carry references, as {@code 'Authorization' (from {dotenv:…})}, for messages. */
    public String describeReferences() {
        List<HeaderTemplate> withRefs = templates.stream().filter(t -> !t.isLiteral()).toList();
        List<HeaderTemplate> shown = withRefs.isEmpty() ? templates : withRefs;
        return shown.stream().map(HeaderTemplate::describe).collect(Collectors.joining(", "));
    }

    private Map<String, String> resolveAll() {
        Map<String, String> keyToExpression = new LinkedHashMap<>();
        Map<String, String> expressionToKey = new LinkedHashMap<>();
        for (HeaderTemplate t : templates) {
            for (String expression : t.references()) {
                if (!expressionToKey.containsKey(expression)) {
                    String key = "header '" + t.name() + "' {" + expression + "}";
                    keyToExpression.put(key, expression);
                    expressionToKey.put(expression, key);
                }
            }
        }
        Map<String, Secret> byKey = Map.of();
        try {
            if (!keyToExpression.isEmpty()) {
                byKey = Objects.requireNonNull(secrets).resolveAll(keyToExpression);
            }
            Map<String, Secret> byExpression = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : expressionToKey.entrySet()) {
                byExpression.put(e.getKey(), byKey.get(e.getValue()));
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (HeaderTemplate t : templates) {
                out.put(t.name(), t.render(byExpression));
            }
            return out;
        } catch (ResolveAllException e) {
            throw new BridgeFailure(BridgeFailure.Kind.SECRET_UNAVAILABLE, e.getMessage());
        } finally {
            byKey.values().forEach(Secret::destroy);
        }
    }
}
