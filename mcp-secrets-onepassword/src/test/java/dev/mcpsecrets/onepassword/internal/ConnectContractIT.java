package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Profile;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.onepassword.testing.FakeConnect;
import dev.mcpsecrets.onepassword.testing.FakeConnect.Field;
import dev.mcpsecrets.tck.SecretProviderContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The provider contract for {@code mcp-op-connect}, against the fake Connect server. */
class ConnectContractIT extends SecretProviderContract {
    private static final String VALUE = "tck-connect-value-\u00e9-4242";
    private static final String TOKEN = "tck-connect-token-0123456789";
    private static final FakeConnect SERVER = startServer();

    private static FakeConnect startServer() {
        FakeConnect server = FakeConnect.start(TOKEN);
        server.item("Private", "GitHub", Map.of("s1", "Admin"), List.of(Field.concealed("token", VALUE),
                new Field(FakeConnect.newId(), "user", "STRING", "octocat-admin", "s1", null)));
        return server;
    }

    private static Map<String, String> env() {
        return Map.of("OP_CONNECT_HOST", SERVER.url(), "OP_CONNECT_TOKEN", TOKEN);
    }

    @Override
    protected SecretProvider createProvider() {
        return new ConnectProvider(env());
    }

    @Override
    protected SecretRef existingRef() {
        return SecretRef.of("op", "//Private/GitHub/token");
    }

    @Override
    protected String expectedValue() {
        return VALUE;
    }

    @Override
    protected SecretRef missingRef() {
        return SecretRef.of("op", "//Private/GitHub/absent-field");
    }

    @Override
    protected ResolveContext context() {
        return ResolveContext.of(Profile.DEVELOPMENT, Duration.ofSeconds(10), env());
    }

    @Override
    protected List<SecretRef> otherRefsForScheme() {
        return List.of(SecretRef.of("op", "//Private/GitHub/Admin/user"), SecretRef.of("op", "//Work/Nothing/here"),
                SecretRef.of("op", "//Private/GitHub/token?attribute=otp"), SecretRef.of("op", "Private/GitHub"));
    }
}
