package dev.cowscope.testkit;

import dev.cowscope.android.AndroidCow;
import dev.cowscope.android.AndroidCowOps;
import java.util.ArrayList;
import java.util.List;

/** What a parse of an Android COW gave, as values two parses can be compared by (for differential tests). */
public final class AndroidParseSummary {
    private AndroidParseSummary() {
        throw new AssertionError("no instances");
    }

    public static List<Object> of(AndroidCow cow) {
        List<Object> all = new ArrayList<>(List.of(cow.parseOk(), String.valueOf(cow.error()), cow.findings(),
                String.valueOf(cow.footer()), cow.lastLabel(), cow.header(), cow.resumePoints()));
        AndroidCowOps ops = cow.ops();
        for (int i = 0; i < ops.size(); i++) {
            all.add(List.of(ops.type(i), ops.v2Compression(i), ops.compressionBits(i), ops.dataLength(i), ops.newBlock(i),
                    ops.source(i), ops.dataOffset(i), ops.sourceInfo(i)));
        }
        return all;
    }
}
