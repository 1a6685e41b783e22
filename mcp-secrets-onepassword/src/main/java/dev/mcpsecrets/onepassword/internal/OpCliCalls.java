package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.Reason;
import dev.mcpsecrets.api.ResolveContext;
import dev.mcpsecrets.api.Secret;
import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import dev.mcpsecrets.api.internal.process.BoundedProcess;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@link OpCliProvider} does once first used: {@code op read} and {@code op inject} runs, with their cooldown. */
final class OpCliCalls extends OpCallsBase {
    /** Created on first use: SLF4J starts only when there is something to log. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(OpCliProvider.class);
    }

    private final Cooldown cooldown = new Cooldown();
    private final OpFailures failures = new OpFailures(cooldown);

    @Override
    public Secret resolve(SecretRef ref, ResolveContext ctx) throws SecretException {
        OpReference r = OpReference.parse(ref);
        notFound.check(r.text());
        cooldown.check(r.text());
        String op = opPath(r.text(), ctx);
        BoundedProcess.Result result = failures.run(List.of(op, "read", "--no-newline", r.text()), r.text(),
                "op read", ctx, null);
        byte[] value = result.stdout();
        try {
            if (result.exitCode() != 0) {
                SecretException e = failures.failure(r.text(), "op read", result);
                notFound.remember(e);
                throw e;
            }
            cooldown.reset();
            return Secret.ofUtf8(value).withOrigin("1Password (op read)");
        } finally {
            Arrays.fill(value, (byte) 0);
            result.wipe();
        }
    }

    /**
     * One {@code op inject} run for all references. When it fails because one reference is missing
     * or malformed, the batch is halved until the culprits are isolated; they are left out of the
     * result, so the caller asks for them alone and learns why.
     */
    @Override
    public Map<SecretRef, Secret> resolveAll(Collection<SecretRef> refs, ResolveContext ctx) throws SecretException {
        Batch batch = parseBatch(refs);
        Map<SecretRef, Secret> out = new LinkedHashMap<>();
        if (batch.refs().isEmpty()) {
            return out;
        }
        cooldown.check(refs.size() + " references");
        String op = opPath(refs.size() + " references", ctx);
        Map<String, Secret> values = new LinkedHashMap<>();
        injectInto(op, batch.refs(), ctx, values);
        values.forEach((text, secret) -> out.put(batch.byText().get(text), secret.withOrigin("1Password (op inject)")));
        values.values().forEach(Secret::destroy);
        return out;
    }

    private void injectInto(String op, List<OpReference> refs, ResolveContext ctx, Map<String, Secret> out)
            throws SecretException {
        String what = refs.size() == 1 ? refs.get(0).text() : refs.size() + " references";
        InjectTemplate template = new InjectTemplate(refs);
        BoundedProcess.Result result = failures.run(List.of(op, "inject"), what, "op inject", ctx, template.text());
        byte[] output = result.stdout();
        try {
            if (result.exitCode() == 0) {
                Map<String, Secret> values = template.parse(output);
                if (values == null) {
                    throw new SecretException(Reason.UNAVAILABLE, what,
                            "op inject succeeded but its output does not have the template's shape");
                }
                cooldown.reset();
                out.putAll(values);
                return;
            }
            SecretException e = failures.failure(what, "op inject", result);
            boolean perReference = e.reason() == Reason.NOT_FOUND || e.reason() == Reason.MALFORMED;
            if (!perReference) {
                throw e;
            }
            if (refs.size() == 1) {
                notFound.remember(e);
                return;
            }
            Log.LOG.debug("op inject of {} failed with {}; halving the batch to isolate it", what, e.reason());
        } finally {
            Arrays.fill(output, (byte) 0);
            result.wipe();
        }
        int half = refs.size() / 2;
        injectInto(op, refs.subList(0, half), ctx, out);
        injectInto(op, refs.subList(half, refs.size()), ctx, out);
    }

    private static String opPath(String what, ResolveContext ctx) throws SecretException {
        OpSettings.Located op = OpSettings.locateOp(ctx.environment());
        if (op.path() == null) {
            throw new SecretException(Reason.UNAVAILABLE, what, op.problem());
        }
        return op.path().toString();
    }

    /** Forgets remembered failures and ends a cooldown. */
    @Override
    public void close() {
        super.close();
        cooldown.reset();
    }
}
