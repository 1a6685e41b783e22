package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.aws.testing.FakeSecretsManager;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.util.List;

/** The provider contract for {@code mcp-aws-sm}, against the fake Secrets Manager on 127.0.0.1. */
class AwsProviderContractTest extends SecretProviderContract {
    private static final String VALUE = "tck-aws-value-\u00e9-4242";
    private static final FakeSecretsManager FAKE = startFake();

    private static FakeSecretsManager startFake() {
        FakeSecretsManager fake = Fakes.start();
        fake.putString("tck/api-token", VALUE);
        fake.putString("tck/db", "{\"username\":\"app\",\"password\":\"" + VALUE + "\",\"port\":5432}");
        return fake;
    }

    @Override
    protected SecretProvider createProvider() {
        return new AwsSecretsManagerProvider();
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("aws-sm", "tck/api-token");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("aws-sm", "tck/missing");
    }

    @Override
    protected ResolveContext context() {
        return Fakes.context(FAKE);
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("aws-sm", "tck/db#password"), SecretRef.of("aws-sm", "tck/db#absent"),
                SecretRef.of("aws-sm", "tck/db?stage=AWSPREVIOUS#password"), SecretRef.of("aws-sm", "tck/api-token#key"),
                SecretRef.of("aws-sm", "arn:aws:secretsmanager:us-west-2:123456789012:secret:tck/api-token"),
                SecretRef.of("aws-sm", "bad name with spaces"));
    }
}
