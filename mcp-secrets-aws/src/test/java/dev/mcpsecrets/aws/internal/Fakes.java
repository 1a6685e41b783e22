package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment that points the provider at a fake: static test keys, an explicit region, the fake's
 * endpoint on 127.0.0.1, and no instance metadata.
 */
final class Fakes {
    static final String REGION = "eu-central-1";
    static final String ACCESS_KEY_ID = "AKIDFAKETEST0000001";
    static final String SECRET_ACCESS_KEY = "fake-secret-access-key-for-tests-only";

    private Fakes() {
    }

    static FakeSecretsManager start() {
        return FakeSecretsManager.start(REGION, ACCESS_KEY_ID);
    }

    static Map<String, String> environment(FakeSecretsManager fake) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", fake.url());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    static ResolveContext context(FakeSecretsManager fake) {
        return context(environment(fake), Duration.ofSeconds(10));
    }

    static ResolveContext context(Map<String, String> env, Duration timeout) {
        return ResolveContext.of(Profile.DEVELOPMENT, timeout, env);
    }
}
