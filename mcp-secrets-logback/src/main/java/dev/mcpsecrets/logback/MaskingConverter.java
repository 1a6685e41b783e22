package dev.mcpsecrets.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * {@code %mask(...)}: the text its inner pattern makes, with every value the installed
 * {@link dev.mcpsecrets.api.SecretMasker} knows replaced by {@code <redacted:NAME>}. For patterns kept in
 * another encoder or layout (a console pattern of a framework, a JSON layout's message field):
 *
 * <pre>{@code
 * <conversionRule conversionWord="mask" class="dev.mcpsecrets.logback.MaskingConverter"/>
 * ...
 * <pattern>%d %-5level %logger - %mask(%msg [%mdc]%n%ex)</pattern>
 * }</pre>
 *
 * <p>Put the exception ({@code %ex}) inside: Logback adds an unmasked {@code %ex} at the end of a pattern
 * that has none, and it looks for one inside composite converters too.
 *
 * @since 0.2.0
 */
public final class MaskingConverter extends CompositeConverter<ILoggingEvent> {
    /** Made by Logback from the configuration. */
    public MaskingConverter() {
        super();
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return LogbackMasking.mask(getContext(), in);
    }
}
