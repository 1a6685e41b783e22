package dev.mcpsecrets.policy.live.internal;

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
        assertThat(Hosts.mayContact(off, "127.0.0.1")).isFalse();
        PolicyContext on = PolicyContext.builder().liveProbes(true, Set.of("DB.Internal.Example")).build();
        assertThat(Hosts.mayContact(on, "127.0.0.1")).isTrue();
        assertThat(Hosts.mayContact(on, "db.internal.example")).isTrue();
        assertThat(Hosts.mayContact(on, "other.example")).isFalse();
        assertThat(Hosts.mayContact(on, "db.internal.example/x")).isFalse();
        assertThat(Hosts.mayContact(on, "")).isFalse();
    }
}
