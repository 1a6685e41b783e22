package dev.mcpsecrets.tck;

import dev.mcpsecrets.api.SecretProvider;
import java.util.ServiceLoader;

/** The classes the API module registers for discovery, found as the service loader finds them. */
final class Registrations {
    private Registrations() {
    }

    static Class<? extends SecretProvider> type(String id) {
        return ServiceLoader.load(SecretProvider.class).stream()
                .filter(p -> p.type().getName().startsWith("dev.mcpsecrets.api."))
                .filter(p -> p.get().id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("nothing registered with id " + id))
                .type();
    }

    static SecretProvider create(String id) {
        try {
            return type(id).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot construct the registration of " + id, e);
        }
    }
}
