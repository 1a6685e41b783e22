package dev.mcpsecrets.cli;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.Secrets;
import java.time.Duration;
import java.util.Map;

/** Builds the {@link Secrets} instance the commands use, from the environment and common options. */
final class SecretsFactory {
    private SecretsFactory() {
    }

    static Secrets create(Map<String, String> environment, Profile profile, Duration timeout) {
        Secrets.Builder b = Secrets.builder().environment(environment).timeout(timeout);
        if (profile != null) {
            b.profile(profile);
        }
        return b.build();
    }
}
