package dev.cowscope.ui.fill;

import dev.cowscope.format.CowImage;
import dev.cowscope.format.SnapshotStatus;
import dev.cowscope.format.Units;
import dev.cowscope.ui.document.MainViewModel;
import dev.cowscope.ui.document.OpenedImage;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Allocated vs total, data vs metadata, and the headroom before the kernel gives up. */
public final class FillViewModel {
    private final ReadOnlyObjectWrapper<FillLevel> level = new ReadOnlyObjectWrapper<>(this, "level");

    public FillViewModel(MainViewModel main) {
        main.documentProperty().addListener((obs, was, now) -> level.set(now == null ? null : FillLevel.of(now)));
        level.set(main.document() == null ? null : FillLevel.of(main.document()));
    }

    /** Null when nothing is open. */
    public ReadOnlyObjectProperty<FillLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }

    /** The figures, all in sectors; {@code usage} absent when the kernel would not load the store. */
    public record FillLevel(long totalSectors, long dataSectors, long metadataSectors, long chunkSectors,
                            String dmsetupStatus, double percentFull, long headroomChunks, boolean loads, String state) {
        static FillLevel of(OpenedImage doc) {
            CowImage image = doc.image();
            long chunk = image.layout().map(l -> l.chunkSizeSectors()).orElse(1L);
            SnapshotStatus usage = image.usage().orElse(null);
            if (usage == null) {
                return new FillLevel(image.deviceSectors(), 0, 0, chunk, "—", 0, 0, false, image.state().name());
            }
            return new FillLevel(usage.totalSectors(), usage.dataSectors(), usage.metadataSectors(), chunk,
                    usage.params(), usage.percentFull(), image.headroomChunks(), image.kernelLoads(), image.state().name());
        }

        public long allocatedSectors() {
            return dataSectors + metadataSectors;
        }

        public long freeSectors() {
            return Math.max(0, totalSectors - allocatedSectors());
        }

        public long headroomBytes() {
            return headroomChunks * chunkSectors * Units.SECTOR_BYTES;
        }

        /** Rows of (what, sectors) for the figures table. */
        public List<Row> rows() {
            return List.of(new Row("Data", dataSectors), new Row("Metadata (header + areas)", metadataSectors),
                    new Row("Allocated", allocatedSectors()), new Row("Free", freeSectors()), new Row("Total", totalSectors),
                    new Row("Headroom", headroomChunks * chunkSectors));
        }

        /** A figure in sectors, shown also in chunks and bytes. */
        public record Row(String what, long sectors) {
        }
    }
}
