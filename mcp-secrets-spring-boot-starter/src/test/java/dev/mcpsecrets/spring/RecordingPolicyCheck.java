package dev.mcpsecrets.spring;

import dev.mcpsecrets.policy.Finding;
import dev.mcpsecrets.policy.PolicyCheck;
import dev.mcpsecrets.policy.PolicyContext;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** A test check, discovered like any other, that remembers the context the guard gave it. */
public final class RecordingPolicyCheck implements PolicyCheck {
    static final AtomicReference<PolicyContext> LAST = new AtomicReference<>();

    /** Created by the service loader. */
    public RecordingPolicyCheck() {
    }

    @Override
    public String id() {
        return "TEST-RECORD-001";
    }

    @Override
    public Stream<Finding> run(PolicyContext context) {
        LAST.set(context);
        return Stream.empty();
    }
}
