package dev.mcpsecrets.aws.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * What {@link AwsSecretsManagerProvider} does once first used. One SDK client per settings (region,
 * endpoint, profile, credentials, proxy). Every call runs under the resolve deadline: the SDK's API-call
 * timeout is the time left, each attempt at most {@link #ATTEMPT_LIMIT}, and the SDK's retries of
 * throttling and server errors happen inside it.
 *
 * <p>{@code resolveAll} asks {@code BatchGetSecretValue} for up to 20 secrets a call (current versions
 * only; a reference with {@code ?stage} or {@code ?version} is left to {@code resolve}). The batch call
 * needs its own IAM permission: when it is denied as a whole, the secrets are read one by one with
 * {@code GetSecretValue} instead, and later batches of that client go straight there. A secret that
 * failed within a batch is remembered briefly, so the facade's follow-up {@code resolve} of it (which
 * asks why) answers without a second request; any other failure of the whole batch is thrown, and
 * the facade does not ask again per reference.
 *
 * <p>Values are not cached here: the facade's TTL cache holds (and zeroes) them.
 */
final class SecretsManagerCalls implements AwsCalls {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCalls.class);
    /** {@code BatchGetSecretValue} takes at most 20 secret IDs. */
    static final int BATCH_LIMIT = 20;
    /** The longest one HTTP attempt may take, however long the deadline. */
    static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(10);
    private static final long REMEMBER_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int MAX_PAGES = 50;

    private record Remembered(SecretException failure, long untilNanos) {
    }

    private final Map<String, SecretsManagerClientHolder> clients = new ConcurrentHashMap<>();
    private final Map<String, Remembered> batchFailures = new ConcurrentHashMap<>();

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        AwsReference r = AwsReference.parse(ref);
        Remembered remembered = batchFailures.remove(r.text());
        if (remembered != null && System.nanoTime() - remembered.untilNanos() < 0) {
            SecretException f = remembered.failure();
            throw new SecretException(f.reason(), r.text(), f.getMessage());
        }
        SecretsManagerClientHolder client = client(ctx, r.text());
        client.checkRegion(r);
        try {
            GetSecretValueResponse response = client.get(r, ctx);
            return SecretValues.select(response.secretString(), bytes(response.secretBinary()), r, origin(r, client));
        } catch (RuntimeException e) {
            throw AwsFailures.of(e, r.text(), client.settings());
        }
    }

    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        Map<String, List<Asked>> byId = new LinkedHashMap<>();
        for (SecretRef ref : refs) {
            AwsReference r;
            try {
                r = AwsReference.parse(ref);
            } catch (SecretException malformed) {
                continue; // asked alone, where resolve says what is wrong
            }
            if (r.batchable()) {
                byId.computeIfAbsent(r.secretId(), k -> new ArrayList<>()).add(new Asked(ref, r));
            }
        }
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        if (byId.isEmpty()) {
            return out;
        }
        SecretsManagerClientHolder client = client(ctx, refs.size() + " aws-sm: references");
        try {
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, List<Asked>> e : byId.entrySet()) {
                try {
                    client.checkRegion(e.getValue().get(0).parsed());
                    ids.add(e.getKey());
                } catch (SecretException otherRegion) {
                    remember(e.getValue(), otherRegion);
                }
            }
            for (int from = 0; from < ids.size(); from += BATCH_LIMIT) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH_LIMIT));
                if (!client.batchDenied()) {
                    try {
                        batch(client, chunk, byId, out, ctx);
                        continue;
                    } catch (AwsServiceException e) {
                        String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
                        if (!"AccessDeniedException".equals(code)) {
                            throw AwsFailures.of(e, refs.size() + " aws-sm: references", client.settings());
                        }
                        LOG.debug("BatchGetSecretValue denied; reading secrets one by one with GetSecretValue");
                        client.denyBatch();
                    } catch (RuntimeException e) {
                        throw AwsFailures.of(e, refs.size() + " aws-sm: references", client.settings());
                    }
                }
                oneByOne(client, chunk, byId, out, ctx);
            }
            return out;
        } catch (SecretException | RuntimeException e) {
            out.values().forEach(Secret::destroy);
            throw e;
        }
    }

    /** One reference of a batch, as asked and as parsed. */
    private record Asked(SecretRef ref, AwsReference parsed) {
    }

    private void batch(SecretsManagerClientHolder client, List<String> ids, Map<String, List<Asked>> byId,
            Map<SecretRef, Secret> out, ResolveContext ctx) throws SecretException {
        String token = null;
        List<String> unanswered = new ArrayList<>(ids);
        for (int page = 0; page < MAX_PAGES; page++) {
            BatchGetSecretValueResponse response = client.batch(ids, token, ctx);
            for (SecretValueEntry entry : response.secretValues()) {
                String id = matching(unanswered, entry.name(), entry.arn());
                if (id == null) {
                    continue;
                }
                unanswered.remove(id);
                for (Asked asked : byId.get(id)) {
                    try {
                        out.put(asked.ref(), SecretValues.select(entry.secretString(), bytes(entry.secretBinary()),
                                asked.parsed(), origin(asked.parsed(), client)));
                    } catch (SecretException e) {
                        remember(List.of(asked), e);
                    }
                }
            }
            for (APIErrorType error : response.errors()) {
                String id = matching(unanswered, error.secretId(), error.secretId());
                if (id == null) {
                    continue;
                }
                unanswered.remove(id);
                remember(byId.get(id), AwsFailures.ofCode(error.errorCode(), error.message(), 0, id));
            }
            token = response.nextToken();
            if (token == null || token.isEmpty() || unanswered.isEmpty()) {
                return;
            }
        }
    }

    private void oneByOne(SecretsManagerClientHolder client, List<String> ids, Map<String, List<Asked>> byId,
            Map<SecretRef, Secret> out, ResolveContext ctx) throws SecretException {
        for (String id : ids) {
            List<Asked> asked = byId.get(id);
            AwsReference first = asked.get(0).parsed();
            GetSecretValueResponse response;
            try {
                response = client.get(first, ctx);
            } catch (RuntimeException e) {
                SecretException failure = AwsFailures.of(e, first.text(), client.settings());
                if (failure.reason() == Reason.TIMEOUT || failure.reason() == Reason.RATE_LIMITED
                        || failure.reason() == Reason.UNAVAILABLE) {
                    throw failure; // the backend is refusing everyone: going on would only spend quota
                }
                remember(asked, failure);
                continue;
            }
            for (Asked a : asked) {
                try {
                    out.put(a.ref(), SecretValues.select(response.secretString(), bytes(response.secretBinary()),
                            a.parsed(), origin(a.parsed(), client)));
                } catch (SecretException e) {
                    remember(List.of(a), e);
                }
            }
        }
    }

    /**
     * The requested ID a batch answer belongs to: its name or ARN as asked, or the ARN without the six
     * random characters Secrets Manager appends (a partial ARN).
     */
    static String matching(List<String> requested, String name, String arn) {
        for (String id : requested) {
            if (id.equals(name) || id.equals(arn)) {
                return id;
            }
            if (arn != null && id.startsWith("arn:") && arn.length() == id.length() + 7 && arn.startsWith(id + "-")) {
                return id;
            }
        }
        return null;
    }

    private void remember(List<Asked> asked, SecretException failure) {
        long now = System.nanoTime();
        // answers nobody asked for again are dropped once stale, so the map stays as small as the batches
        batchFailures.values().removeIf(r -> now - r.untilNanos() >= 0);
        long until = now + REMEMBER_NANOS;
        for (Asked a : asked) {
            batchFailures.put(a.parsed().text(), new Remembered(
                    new SecretException(failure.reason(), a.parsed().text(), failure.getMessage()), until));
        }
    }

    private static byte[] bytes(SdkBytes binary) {
        return binary == null ? null : binary.asByteArray();
    }

    private static String origin(AwsReference r, SecretsManagerClientHolder client) {
        return "AWS Secrets Manager secret " + r.secretId() + " (" + r.describeVersion() + ", "
                + client.regionName() + ")";
    }

    private SecretsManagerClientHolder client(ResolveContext ctx, String what) throws SecretException {
        if (ctx.isExpired()) {
            throw new SecretException(Reason.TIMEOUT, what, "the deadline passed before AWS Secrets Manager was asked");
        }
        AwsSettings settings = AwsSettings.from(ctx.environment(), AwsSettings.systemProperties(), what);
        SecretsManagerClientHolder existing = clients.get(settings.clientKey());
        if (existing != null) {
            return existing;
        }
        SecretsManagerClientHolder created;
        try {
            created = SecretsManagerClientHolder.create(settings);
        } catch (RuntimeException e) {
            throw AwsFailures.of(e, what, settings);
        }
        SecretsManagerClientHolder raced = clients.putIfAbsent(settings.clientKey(), created);
        if (raced != null) {
            created.close();
            return raced;
        }
        return created;
    }

    /**
     * The SDK's per-call limits for the time left.
     *
     * @param ctx the deadline
     * @return the override configuration
     */
    static AwsRequestOverrideConfiguration deadline(ResolveContext ctx) {
        Duration left = ctx.remaining();
        if (left.isZero()) {
            left = Duration.ofMillis(1);
        }
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(left)
                .apiCallAttemptTimeout(left.compareTo(ATTEMPT_LIMIT) < 0 ? left : ATTEMPT_LIMIT).build();
    }

    static GetSecretValueRequest getRequest(AwsReference r, ResolveContext ctx) {
        return GetSecretValueRequest.builder().secretId(r.secretId()).versionStage(r.stage()).versionId(r.version())
                .overrideConfiguration(deadline(ctx)).build();
    }

    static BatchGetSecretValueRequest batchRequest(List<String> ids, String token, ResolveContext ctx) {
        return BatchGetSecretValueRequest.builder().secretIdList(ids).nextToken(token)
                .overrideConfiguration(deadline(ctx)).build();
    }

    @Override
    public void close() {
        batchFailures.clear();
        for (SecretsManagerClientHolder c : clients.values()) {
            c.close();
        }
        clients.clear();
    }
}
