package dev.mcpsecrets.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;

/**
 * A drop-in for Logback's {@code PatternLayoutEncoder}: the same {@code <pattern>}, and everything it
 * writes is masked ({@link MaskingPatternLayout}).
 *
 * <pre>{@code
 * <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
 *   <target>System.err</target>
 *   <encoder class="dev.mcpsecrets.logback.MaskingPatternLayoutEncoder">
 *     <pattern>%d %-5level [%X{user}] %logger - %msg%n</pattern>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * @since 0.2.0
 */
public class MaskingPatternLayoutEncoder extends PatternLayoutEncoderBase<ILoggingEvent> {
    /** Made by Logback from the configuration. */
    public MaskingPatternLayoutEncoder() {
        super();
    }

    @Override
    public void start() {
        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern(getPattern());
        layout.setOutputPatternAsHeader(outputPatternAsHeader);
        layout.start();
        this.layout = layout;
        super.start();
    }
}
