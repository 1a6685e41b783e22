package dev.mcpsecrets.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Providers are asked in priority order, highest first, ties broken by id, whatever order they came in. */
class ProviderOrderTest {
    private record Expected(String id, int priority) {
    }

    @Property(tries = 300)
    void providersAreOrderedByPriorityThenId(
            @ForAll @Size(max = 12) @UniqueElements List<@IntRange(min = 0, max = 999) Integer> idNumbers,
            @ForAll @Size(12) List<@IntRange(min = -3, max = 3) Integer> priorities) {
        Secrets.Builder builder = Secrets.builder().autoDiscovery(false);
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < idNumbers.size(); i++) {
            String id = "p" + idNumbers.get(i);
            builder.addProvider(new FakeProvider(id, "s" + i, priorities.get(i)));
            expected.add(new Expected(id, priorities.get(i)));
        }
        expected.sort(Comparator.comparingInt(Expected::priority).reversed().thenComparing(Expected::id));
        try (Secrets secrets = builder.build()) {
            assertThat(secrets.providers()).extracting(ProviderStatus::id)
                    .containsExactlyElementsOf(expected.stream().map(Expected::id).toList());
        }
    }
}
