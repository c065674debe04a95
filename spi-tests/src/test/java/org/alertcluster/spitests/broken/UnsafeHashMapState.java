package org.alertcluster.spitests.broken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.alertcluster.api.State;
import org.alertcluster.spitests.sample.LwwCodec;
import org.alertcluster.spitests.sample.LwwEntry;

/**
 * Broken on purpose: a correct last-write-wins map on a plain {@link HashMap} with no locking.
 * Single-threaded it passes every rule; with the peer's concurrent receive threads it loses updates,
 * and marshalling while others merge throws {@link java.util.ConcurrentModificationException}
 * (conc01).
 */
public final class UnsafeHashMapState implements State {

  private final Map<String, LwwEntry> entries = new HashMap<>();

  @Override
  public String key() {
    return "unsafe";
  }

  public void put(String id, String value, long timestamp) {
    apply(new LwwEntry(id, value, timestamp));
  }

  @Override
  public byte[] marshalBinary() {
    // Sorted for a canonical snapshot; the copy iterates the HashMap while others write to it.
    return LwwCodec.encode(new TreeMap<>(entries).values());
  }

  @Override
  public void merge(byte[] data) {
    List<LwwEntry> decoded = LwwCodec.decode(data);
    decoded.forEach(this::apply);
  }

  private void apply(LwwEntry entry) {
    LwwEntry held = entries.get(entry.id());
    if (entry.winsOver(held)) {
      entries.put(entry.id(), entry);
    }
  }
}
