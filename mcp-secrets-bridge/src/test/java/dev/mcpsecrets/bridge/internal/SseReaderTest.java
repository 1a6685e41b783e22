package dev.mcpsecrets.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private static SseReader reader(String text, int max) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void readsEventsAsTheEventStreamStandardDescribes() throws IOException {
        SseReader r = reader("\uFEFF: comment\r\nid: 1\r\ndata\r\n\r\n" // empty data: a priming event, not dispatched
                + "event: endpoint\rdata: /messages?s=1\r\r"
                + "data:{\"a\":\ndata: 1}\nretry: 2500\n\n"
                + "data: unfinished", 1024);
        SseReader.Event e1 = r.next();
        assertThat(e1.type()).isEqualTo("endpoint");
        assertThat(e1.data()).isEqualTo("/messages?s=1");
        assertThat(e1.id()).isEqualTo("1");
        SseReader.Event e2 = r.next();
        assertThat(e2.type()).isEqualTo("message");
        assertThat(e2.data()).isEqualTo("{\"a\":\n1}");
        assertThat(r.retryMillis()).isEqualTo(2500L);
        assertThat(r.next()).isNull();
    }

    @Test
    void anOverlongLineEndsTheStreamInsteadOfGrowingWithoutBound() {
        SseReader r = reader("data: " + "x".repeat(100) + "\n\n", 50);
        assertThatThrownBy(r::next).isInstanceOf(IOException.class).hasMessageContaining("longer than 50 bytes");
    }
}
