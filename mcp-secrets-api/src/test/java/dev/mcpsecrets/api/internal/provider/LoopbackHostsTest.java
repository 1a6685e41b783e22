package dev.mcpsecrets.api.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackHostsTest {
    @Test
    void loopbackIsDecidedOnTheHostAsWritten() {
        assertThat(LoopbackHosts.isLoopback("localhost")).isTrue();
        assertThat(LoopbackHosts.isLoopback("LOCALHOST")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackHosts.isLoopback("127.8.9.10")).isTrue();
        assertThat(LoopbackHosts.isLoopback("[::1]")).isTrue();
        assertThat(LoopbackHosts.isLoopback("::1")).isTrue();
        // names are never looked up, whatever they would resolve to
        assertThat(LoopbackHosts.isLoopback("localhost.evil.example")).isFalse();
        assertThat(LoopbackHosts.isLoopback("127.0.0.1.nip.io")).isFalse();
        assertThat(LoopbackHosts.isLoopback("vault.internal")).isFalse();
        assertThat(LoopbackHosts.isLoopback("10.0.0.1")).isFalse();
        assertThat(LoopbackHosts.isLoopback("0.0.0.0")).isFalse();
        assertThat(LoopbackHosts.isLoopback("[2001:db8::1]")).isFalse();
    }
}
