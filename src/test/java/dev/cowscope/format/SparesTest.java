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
    void keepsAtMostItsLimit() {
        Spares<byte[]> spares = Spares.ofBytes(2);
        byte[][] given = {new byte[8], new byte[8], new byte[8]};
        for (byte[] b : given) {
            spares.give(b);
        }
        spares.give(null);
        java.util.Set<byte[]> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < 3; i++) {
            taken.add(spares.take(8));
        }
        assertThat(taken).hasSize(3); // the set compares identities; AssertJ's contains would compare contents
        assertThat(taken.contains(given[0]) && taken.contains(given[1])).as("the first two given are kept").isTrue();
        assertThat(taken.contains(given[2])).as("the third is past the limit").isFalse();
    }
}
