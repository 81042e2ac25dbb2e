package dev.cowscope.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The word-at-a-time role counting agrees with counting chunk by chunk, for runs, noise and every range. */
class RoleCountingPropertyTest {
    private static final int ROLES = 5;

    record Case(byte[] roles, int from, int to) {
    }

    @Provide
    Arbitrary<Case> cases() {
        // long runs (as in real maps) broken by the odd other role
        Arbitrary<byte[]> roles = Arbitraries.integers().between(1, 300).flatMap(n -> Arbitraries.integers().between(0, ROLES - 1)
                .list().ofMinSize(1).ofMaxSize(6).flatMap(runRoles -> Arbitraries.integers().between(0, 20).list().ofSize(n).map(noise -> {
                    byte[] out = new byte[n];
                    for (int i = 0; i < n; i++) {
                        out[i] = (byte) (noise.get(i) == 0 ? (i * 7) % ROLES : runRoles.get(i * runRoles.size() / n));
                    }
                    return out;
                })));
        return roles.flatMap(r -> Combinators.combine(Arbitraries.integers().between(0, r.length - 1),
                Arbitraries.integers().between(1, r.length)).as((a, b) -> new Case(r, Math.min(a, b - 1), Math.max(a + 1, b))));
    }

    @Property(tries = 500)
    void countsAndUniformRoleMatchAChunkByChunkCount(@ForAll("cases") Case c) {
        int[] counts = new int[ROLES];
        int uniform = new ByteRoleCells(c.roles(), ROLES).countRoles(c.from(), c.to(), counts);
        int[] expected = new int[ROLES];
        for (int i = c.from(); i < c.to(); i++) {
            expected[c.roles()[i]]++;
        }
        assertThat(counts).isEqualTo(expected);
        int only = -1;
        for (int role = 0; role < ROLES; role++) {
            if (expected[role] == c.to() - c.from()) {
                only = role;
            }
        }
        assertThat(uniform).isEqualTo(only);
    }
}
