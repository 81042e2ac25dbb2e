package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparesTest {
    @Test
    void anArrayGivenBackIsTakenAgainOnlyAtItsOwnSize() {
        Spares<char[]> spares = Spares.ofChars(2);
        char[] a = spares.take(1024);
        assertThat(a).hasSize(1024);
        spares.give(a);
        assertThat(spares.take(512)).as("another size: a new array").hasSize(512).isNotSameAs(a);
        assertThat(spares.take(1024)).as("the spare of 1024 stayed while 512 was asked for").isSameAs(a);
        assertThat(spares.take(1024)).as("taken once only").isNotSameAs(a);
    }

    @Test
    void keepsTheLastOnesGivenUpToItsLimit() {
        Spares<byte[]> spares = Spares.ofBytes(2);
        byte[][] given = {new byte[8], new byte[8], new byte[16]};
        for (byte[] b : given) {
            spares.give(b);
        }
        spares.give(null);
        assertThat(spares.take(16)).as("the last given").isSameAs(given[2]);
        assertThat(spares.take(8)).as("the one before it").isSameAs(given[1]);
        assertThat(spares.take(8)).as("the first went when the third came").isNotSameAs(given[0]).isNotSameAs(given[1]);
    }
}
