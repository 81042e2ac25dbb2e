package dev.cowscope.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cowscope.format.Units;

/** Sizes typed by a user ({@code 4K}, {@code 8s}, {@code 2G}): a value or IllegalArgumentException, nothing else. */
class UnitsFuzzTest {
    @FuzzTest
    void parseBytes(String text) {
        try {
            Units.parseBytes(text);
        } catch (IllegalArgumentException expected) {
            // a clear refusal
        }
    }
}
