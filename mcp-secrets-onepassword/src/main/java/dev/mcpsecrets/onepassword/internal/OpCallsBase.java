package dev.mcpsecrets.onepassword.internal;

import dev.mcpsecrets.api.SecretException;
import dev.mcpsecrets.api.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both kinds of {@link OpCalls} share: the NOT_FOUND answers remembered and batch parsing. */
abstract class OpCallsBase implements OpCalls {
    private static final Duration NOT_FOUND_TTL = Duration.ofSeconds(30);

    /** The references of a batch that are worth asking for, by their text. */
    record Batch(Map<String, SecretRef> byText, List<OpReference> refs) {
    }

    /** NOT_FOUND answers remembered for a short time. */
    final NegativeCache notFound = new NegativeCache(NOT_FOUND_TTL);

    /**
     * Parses a batch, leaving out malformed references and those remembered as missing: the facade
     * asks for those alone and {@code resolve} says why.
     *
     * @param refs the references
     * @return what to ask the backend for
     */
    final Batch parseBatch(Collection<SecretRef> refs) {
        Map<String, SecretRef> byText = new LinkedHashMap<>();
        List<OpReference> parsed = new ArrayList<>();
        for (SecretRef ref : refs) {
            try {
                OpReference r = OpReference.parse(ref);
                notFound.check(r.text());
                byText.put(r.text(), ref);
                parsed.add(r);
            } catch (SecretException malformedOrMissing) {
                // left out on purpose, see above
            }
        }
        return new Batch(byText, parsed);
    }

    @Override
    public void close() {
        notFound.clear();
    }
}
