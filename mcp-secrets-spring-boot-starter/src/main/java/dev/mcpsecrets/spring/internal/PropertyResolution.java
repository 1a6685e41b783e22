package dev.mcpsecrets.spring.internal;

import dev.mcpsecrets.api.MalformedRefException;
import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveAllException;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.Secrets;
import dev.mcpsecrets.spring.SecretPropertyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves all property references in one {@link Secrets#resolveAll} call, so batching providers batch. */
final class PropertyResolution {
    private PropertyResolution() {
    }

    /**
     * Resolves every reference, all or nothing.
     *
     * @param secrets the facade
     * @param references the references
     * @return values by property name
     * @throws SecretPropertyException naming each failing property, its origin and reference
     */
    static Map<String, String> resolve(Secrets secrets, List<SecretPropertyReference> references) {
        Map<String, String> nameToExpression = new LinkedHashMap<>();
        List<SecretPropertyException.Failure> malformed = new ArrayList<>();
        for (SecretPropertyReference ref : references) {
            try {
                secrets.parse(ref.expression());
                nameToExpression.put(ref.property(), ref.expression());
            } catch (MalformedRefException e) {
                malformed.add(failure(ref, e));
            }
        }
        if (!malformed.isEmpty()) {
            // no backend is asked while the configuration itself is wrong
            throw new SecretPropertyException(malformed);
        }
        Map<String, Secret> resolved;
        try {
            resolved = secrets.resolveAll(nameToExpression);
        } catch (ResolveAllException e) {
            throw new SecretPropertyException(failures(e, references));
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            resolved.forEach((name, secret) -> values.put(name, secret.revealAsString()));
        } finally {
            resolved.values().forEach(Secret::destroy);
        }
        return values;
    }

    /** The facade tells which names (here: property names) failed and why. */
    private static List<SecretPropertyException.Failure> failures(ResolveAllException batch,
            List<SecretPropertyReference> references) {
        List<SecretPropertyException.Failure> out = new ArrayList<>();
        for (SecretPropertyReference ref : references) {
            SecretException one = batch.failures().get(ref.property());
            if (one != null) {
                out.add(failure(ref, one));
            }
        }
        return out;
    }

    /**
     * One failing property. A malformed reference is never repeated: text that is not a valid reference may
     * be a pasted value, so it is named by the property, its origin (file:line:column) and the column of the
     * problem, as the parser's own message gives it.
     */
    private static SecretPropertyException.Failure failure(SecretPropertyReference ref, SecretException e) {
        Reason reason = e.reason() != null ? e.reason() : Reason.UNAVAILABLE;
        String detail = e.getMessage() != null ? e.getMessage() : reason.toString();
        String shown = reason == Reason.MALFORMED || e instanceof MalformedRefException
                ? MalformedRefException.notShown(ref.expression().length())
                : ref.expression();
        return new SecretPropertyException.Failure(ref.property(), ref.origin(), shown, reason, detail);
    }
}
