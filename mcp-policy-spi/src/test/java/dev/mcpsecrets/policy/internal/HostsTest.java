package dev.mcpsecrets.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpsecrets.policy.PolicyContext;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostsTest {
    @Test
    void loopbackIsDecidedOnTheLiteralName() {
        assertThat(Hosts.isLoopbackLiteral("localhost")).isTrue();
        assertThat(Hosts.isLoopbackLiteral("127.0.0.1")).isTrue();
        assertThat(Hosts.isLoopbackLiteral("127.10.20.30")).isTrue();
        assertThat(Hosts.isLoopbackLiteral("[::1]")).isTrue();
        assertThat(Hosts.isLoopbackLiteral("127.0.0.1.evil.example")).isFalse();
        assertThat(Hosts.isLoopbackLiteral("localhost.evil.example")).isFalse();
        assertThat(Hosts.isLoopbackLiteral("0.0.0.0")).isFalse();
        assertThat(Hosts.isLoopbackLiteral("db.example.com")).isFalse();
    }

    @Test
    void configHostsNeedLiveProbesAndLoopbackOrTheAllowList() {
        PolicyContext off = PolicyContext.builder().build();
        assertThat(off.mayContact("127.0.0.1")).isFalse();
        PolicyContext on = PolicyContext.builder().liveProbes(true, Set.of("DB.Internal.Example")).build();
        assertThat(on.mayContact("127.0.0.1")).isTrue();
        assertThat(on.mayContact("db.internal.example")).isTrue();
        assertThat(on.mayContact("other.example")).isFalse();
        assertThat(on.mayContact("db.internal.example/x")).isFalse();
        assertThat(on.mayContact("")).isFalse();
    }
}
