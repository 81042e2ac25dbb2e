package dev.cowscope.android;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class V2OpPlacesTest {
    @Test
    void eachOpIsWhereItWasAddedWhateverTheRuns() {
        Random random = new Random(15);
        for (int trial = 0; trial < 200; trial++) {
            V2OpPlaces places = new V2OpPlaces();
            int ops = random.nextInt(3000);
            long[] expected = new long[ops];
            long at = 38 + random.nextInt(1 << 20);
            for (int i = 0; i < ops; i++) {
                if (random.nextInt(8) == 0) {
                    at += random.nextInt(3) == 0 ? 0 : random.nextInt(1 << 16); // a cluster's data, or an op's (no clusters)
                }
                expected[i] = at;
                places.add(i, at);
                at += AndroidCowParser.V2_OP_BYTES;
            }
            for (int i = 0; i < ops; i++) {
                assertThat(places.offset(i)).as("op %d of %d", i, ops).isEqualTo(expected[i]);
            }
            assertThat(places.offset(ops)).isEqualTo(-1);
            assertThat(places.offset(-1)).isEqualTo(-1);
        }
    }
}
