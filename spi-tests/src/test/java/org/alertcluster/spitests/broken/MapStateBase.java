package org.alertcluster.spitests.broken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.alertcluster.api.State;
import org.alertcluster.spitests.sample.LwwCodec;
import org.alertcluster.spitests.sample.LwwEntry;

/**
 * Shared body of the broken map States: the sample's codec and a sorted concurrent map, with the
 * flaw supplied by each subclass (the merge rule or the handling of bad bytes).
 */
abstract class MapStateBase implements State {

  final ConcurrentSkipListMap<String, LwwEntry> entries = new ConcurrentSkipListMap<>();

  @Override
  public String key() {
    return "broken-map";
  }

  public void put(String id, String value, long timestamp) {
    apply(new LwwEntry(id, value, timestamp));
  }

  void apply(LwwEntry entry) {
    entries.merge(entry.id(), entry, LwwEntry::newer);
  }

  @Override
  public byte[] marshalBinary() {
    return LwwCodec.encode(new ArrayList<>(entries.values()));
  }

  @Override
  public void merge(byte[] data) {
    List<LwwEntry> decoded = LwwCodec.decode(data);
    decoded.forEach(this::apply);
  }
}
