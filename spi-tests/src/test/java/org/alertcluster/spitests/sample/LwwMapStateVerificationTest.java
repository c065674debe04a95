package org.alertcluster.spitests.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.alertcluster.spitests.StateVerification;

/**
 * The sample incarnation: the kit's own State passes every rule. Also the template for hosts.
 */
public class LwwMapStateVerificationTest extends StateVerification<LwwMapState> {

  @Override
  protected LwwMapState createState() {
    return new LwwMapState("kit");
  }

  @Override
  protected void mutate(LwwMapState state, Random random) {
    // Few ids, few values, few timestamps: replicas collide on ids and on timestamps, so the
    // tiebreak is exercised on almost every seed.
    state.put("id-" + random.nextInt(16), "v" + random.nextInt(8), random.nextInt(4));
  }

  @Override
  protected LwwMapState createLargeState(int entries, Random random) {
    List<LwwEntry> batch = new ArrayList<>(entries);
    for (int i = 0; i < entries; i++) {
      batch.add(new LwwEntry("silence-" + i, "matcher=" + random.nextInt(1000), i));
    }
    LwwMapState state = createState();
    state.putAll(batch);
    return state;
  }

  @Override
  protected String describe(LwwMapState state) {
    return state.size() <= 8 ? state.entries().values().toString() : super.describe(state);
  }
}
