package dev.cowscope.alignment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finds the {@link BlockDevice} a table line names ({@code dm_get_device}). */
@FunctionalInterface
public interface DeviceResolver {
    Optional<BlockDevice> resolve(String tableName);

    /** Exactly these devices, by table name. */
    static DeviceResolver of(Collection<BlockDevice> devices) {
        Map<String, BlockDevice> byName = new LinkedHashMap<>();
        devices.forEach(d -> byName.put(d.tableName(), d));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
