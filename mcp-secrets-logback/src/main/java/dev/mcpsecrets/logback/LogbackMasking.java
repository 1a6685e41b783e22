package dev.mcpsecrets.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Context;
import dev.mcpsecrets.api.SecretMasker;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Connects a {@link SecretMasker} to Logback: the encoder and converter of this module mask with the masker
 * installed in their logger context.
 *
 * <pre>{@code
 * SecretMasker masker = SecretMasker.create();
 * LogbackMasking.install(masker);
 * Secrets secrets = Secrets.builder().masker(masker).build();   // every value it resolves is masked in the logs
 * }</pre>
 *
 * <p>The masker is kept as an object of the {@link LoggerContext}, so a reconfiguration (a changed
 * {@code logback.xml} being rescanned) keeps it, and two contexts in one JVM can have their own.
 *
 * @since 0.2.0
 */
public final class LogbackMasking {
    /** The key under which the masker is kept in the logger context. */
    public static final String CONTEXT_KEY = "dev.mcpsecrets.logback.SecretMasker";

    private LogbackMasking() {
    }

    /**
     * Installs the masker in the logger context SLF4J is bound to.
     *
     * @param masker the masker
     * @throws IllegalStateException if SLF4J is not bound to Logback
     * @since 0.2.0
     */
    public static void install(SecretMasker masker) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                    + ", not to Logback; install the masker in that logging system instead");
        }
        install((LoggerContext) factory, masker);
    }

    /**
     * Installs the masker in a given logger context.
     *
     * @param context the context
     * @param masker the masker
     * @since 0.2.0
     */
    public static void install(Context context, SecretMasker masker) {
        Objects.requireNonNull(context, "context").putObject(CONTEXT_KEY, Objects.requireNonNull(masker, "masker"));
    }

    /**
     * The text masked by the context's masker; the text itself when none is installed.
     *
     * @param context the context, or {@code null}
     * @param text the text
     * @return the masked text
     */
    static String mask(Context context, String text) {
        if (context == null || text == null) {
            return text;
        }
        Object masker = context.getObject(CONTEXT_KEY);
        return masker instanceof SecretMasker ? ((SecretMasker) masker).mask(text) : text;
    }
}
