package org.alertcluster.impl;

import java.util.Map;
import java.util.Random;
import org.alertcluster.spitests.StateVerification;

/**
 * The impl tests' own last-write-wins State checked by the conformance kit: the States the impl
 * tests replicate must obey the rules themselves, or a failing cluster test could be the State's
 * fault. In this package because the State's encoder is package-private. Its snapshot iterates a HashMap, so byte order is not canonical: {@link #equivalent}
 * compares entries, as the kit documents for such States.
 */
class LwwMapStateConformanceTest extends StateVerification<LwwMapState> {

  @Override
  protected LwwMapState createState() {
    return new LwwMapState("lww");
  }

  @Override
  protected void mutate(LwwMapState state, Random random) {
    // put() stamps System.nanoTime(), which no seed can replay; write through the wire form instead
    // (same package): one entry with a timestamp from the seed (few ids and timestamps: ties happen).
    state.merge(LwwMapState.encode(Map.of("id-" + random.nextInt(16),
        new LwwMapState.Entry("v" + random.nextInt(8), random.nextInt(4)))));
  }

  @Override
  protected boolean equivalent(LwwMapState a, LwwMapState b) {
    return a.snapshot().equals(b.snapshot());
  }

  @Override
  protected String describe(LwwMapState state) {
    return state.size() <= 8 ? state.snapshot().toString() : state.size() + " entries";
  }

  @Override
  protected LwwMapState createLargeState(int entries, Random random) {
    // Distinct ids in one bulk delta: mutate's 16 ids would make a "large" State of 16 entries,
    // which size01 rejects.
    Map<String, LwwMapState.Entry> all = new java.util.HashMap<>();
    for (int i = 0; i < entries; i++) {
      all.put("id-" + i, new LwwMapState.Entry("v" + random.nextInt(8), random.nextInt(4)));
    }
    LwwMapState state = createState();
    state.merge(LwwMapState.encode(all));
    return state;
  }

  @Override
  protected int largeStateEntries() {
    // The impl's own tests own this class's performance; 20 000 keeps the rule quick.
    return 20_000;
  }
}
