package dev.mcpsecrets.keychain.internal;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a whole test class, naming the missing program, when the keyring daemons are not installed outside
 * CI: as a JUnit condition (so no {@code @BeforeAll}/{@code @AfterAll} runs, and the report lists each test
 * as skipped with the reason) and as a jqwik hook (jqwik properties see no JUnit callbacks). In CI
 * ({@code CI=true}) nothing is skipped, so a missing daemon fails the tests.
 */
public final class SkipWithoutKeyring implements ExecutionCondition, SkipExecutionHook {
    /** Instantiated by JUnit and jqwik. */
    public SkipWithoutKeyring() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RealKeyring.missingOutsideCi().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("keyring daemons installed, or CI"));
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return RealKeyring.missingOutsideCi().map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }
}
