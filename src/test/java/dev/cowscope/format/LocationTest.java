package dev.cowscope.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One printable location form, accepted back by the parser (CLI --at, GUI "Go to"). */
class LocationTest {
    private final AreaLayout layout = new AreaLayout(8);

    @Test
    void printsAndParsesBack() {
        Location entry = Location.entry(layout, 3, 17);
        assertThat(entry.toString()).isEqualTo("area 3 entry 17 @0x304110");
        assertThat(Location.parse(entry.toString())).contains(new Location(3, 17, 0x304110, -1));
        assertThat(Location.chunk(layout, 771).toString()).isEqualTo("chunk 771 @0x303000");
        assertThat(Location.parse("chunk 771")).contains(new Location(-1, -1, -1, 771));
        assertThat(Location.header(12).toString()).isEqualTo("header @0xc");
        assertThat(Location.parse("header @0xc")).contains(Location.header(12));
        assertThat(Location.DEVICE.toString()).isEqualTo("device");
        assertThat(Location.parse("device")).contains(Location.DEVICE);
        assertThat(Location.parse("Area 2")).contains(new Location(2, -1, -1, -1));
        assertThat(Location.line(12).toString()).isEqualTo("line 12");
        assertThat(Location.parse("Line 12")).contains(Location.line(12));
        assertThat(Location.parse("line 99999999999999999999999")).isEmpty();
        assertThat(Location.parse("nonsense")).isEmpty();
        assertThat(Location.parse("chunk 99999999999999999999999")).isEmpty();
    }

    @Test
    void entryOffsetsFollowTheAreaLayout() {
        assertThat(layout.areaLocation(0)).isEqualTo(1);
        assertThat(layout.areaLocation(1)).isEqualTo(258);
        assertThat(layout.entryOffsetBytes(1, 0)).isEqualTo(258L * 4096);
        assertThat(layout.sequentialChunk(255)).isEqualTo(257);
        assertThat(layout.sequentialChunk(256)).isEqualTo(259);
        assertThat(layout.isMetadataChunk(515)).isTrue();
        assertThat(layout.areaOfChunk(514)).isEqualTo(1);
        assertThat(layout.skipMetadata(258)).isEqualTo(259);
        assertThat(layout.skipMetadata(257)).isEqualTo(257);
    }
}
