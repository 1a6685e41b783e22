package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.SecretException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One SDK client for one set of {@link AwsSettings}: the URL-connection HTTP client (no connection
 * pool threads, small to load), the region (settings, else the SDK's default region chain), the
 * credentials (keys from the environment resolutions see, else the SDK's default chain for the
 * profile) and the endpoint override. Remembers whether {@code BatchGetSecretValue} was denied.
 */
final class SecretsManagerClientHolder implements AutoCloseable {
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);

    private final AwsSettings settings;
    private final String region;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final SecretsManagerClient client;
    private volatile boolean batchDenied;

    private SecretsManagerClientHolder(AwsSettings settings, String region, SdkHttpClient http,
            AwsCredentialsProvider credentials, SecretsManagerClient client) {
        this.settings = settings;
        this.region = region;
        this.http = http;
        this.credentials = credentials;
        this.client = client;
    }

    /**
     * Builds the client. Reads the profile files and, when no region is set, may ask the instance
     * metadata service for one (the SDK's default region chain); sends no request to Secrets Manager.
     *
     * @param settings the settings
     * @return the client
     */
    static SecretsManagerClientHolder create(AwsSettings settings) {
        String region = settings.region();
        if (region == null) {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            if (settings.profile() != null) {
                chain.profileName(settings.profile());
            }
            region = chain.build().getRegion().id();
        }
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder()
                // the environment resolutions see is the one source of environment settings, not the process's
                .useEnvironmentVariablesValues(false);
        if (settings.proxy() != null) {
            proxy.endpoint(settings.proxy()).nonProxyHosts(settings.noProxy());
            String userInfo = settings.proxy().getUserInfo();
            if (userInfo != null && userInfo.indexOf(':') > 0) {
                proxy.username(userInfo.substring(0, userInfo.indexOf(':')))
                        .password(userInfo.substring(userInfo.indexOf(':') + 1));
            }
        }
        SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_LIMIT)
                .socketTimeout(SecretsManagerCalls.ATTEMPT_LIMIT).proxyConfiguration(proxy.build()).build();
        AwsCredentialsProvider credentials;
        if (settings.accessKeyId() != null) {
            credentials = StaticCredentialsProvider.create(settings.sessionToken() != null
                    ? AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken())
                    : AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        } else {
            DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
            if (settings.profile() != null) {
                chain.profileName(settings.profile());
            }
            credentials = chain.build();
        }
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClient(http)
                .region(Region.of(region)).credentialsProvider(credentials);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        try {
            return new SecretsManagerClientHolder(settings, region, http, credentials, builder.build());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    AwsSettings settings() {
        return settings;
    }

    String regionName() {
        return region;
    }

    boolean batchDenied() {
        return batchDenied;
    }

    void denyBatch() {
        batchDenied = true;
    }

    /**
     * Refuses an ARN of another region before any request: the client's region comes from the user's
     * settings, never from a reference, and Secrets Manager answers only for its own region.
     *
     * @param r the reference
     * @throws SecretException NOT_FOUND for an ARN of another region
     */
    void checkRegion(AwsReference r) throws SecretException {
        String arnRegion = r.arnRegion();
        if (arnRegion != null && !arnRegion.equals(region)) {
            throw new SecretException(Reason.NOT_FOUND, r.text(), "the ARN is in region " + arnRegion
                    + " but requests go to " + region + "; set " + AwsSettings.REGION + "=" + arnRegion
                    + " to read it (the region is never taken from a reference)");
        }
    }

    GetSecretValueResponse get(AwsReference r, ResolveContext ctx) {
        return client.getSecretValue(SecretsManagerCalls.getRequest(r, ctx));
    }

    BatchGetSecretValueResponse batch(List<String> ids, String token, ResolveContext ctx) {
        return client.batchGetSecretValue(SecretsManagerCalls.batchRequest(ids, token, ctx));
    }

    @Override
    public void close() {
        client.close();
        http.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing releases threads and connections; a failure leaves nothing to do
            }
        }
    }
}
