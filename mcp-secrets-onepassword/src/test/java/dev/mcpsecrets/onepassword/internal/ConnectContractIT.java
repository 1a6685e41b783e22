package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.SecretProvider;
import dev.mcpsecrets.onepassword.testing.FakeConnect;
import dev.mcpsecrets.onepassword.testing.FakeConnect.Field;
import java.util.List;
import java.util.Map;

/** The provider contract for {@code mcp-op-connect}, against the fake Connect server. */
class ConnectContractIT extends OpProviderContract {
    private static final String TOKEN = "tck-connect-token-0123456789";
    private static final FakeConnect SERVER = startServer();

    private static FakeConnect startServer() {
        FakeConnect server = FakeConnect.start(TOKEN);
        server.item("Private", "GitHub", Map.of("s1", "Admin"), List.of(Field.concealed("token", VALUE),
                new Field(FakeConnect.newId(), "user", "STRING", ADMIN_USER, "s1", null)));
        return server;
    }

    @Override
    Map<String, String> environment() {
        return Map.of("OP_CONNECT_HOST", SERVER.url(), "OP_CONNECT_TOKEN", TOKEN);
    }

    @Override
    protected SecretProvider createProvider() {
        return new ConnectProvider(environment());
    }
}
