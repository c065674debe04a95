package com.example.kv;

import java.util.Random;
import org.alertcluster.spitests.StateVerification;

class KvStateVerificationTest extends StateVerification<KvState> {

  @Override
  protected KvState createState() {
    return new KvState();
  }

  @Override
  protected void mutate(KvState state, Random random) {
    if (random.nextInt(8) == 0) {
      state.putVersioned("k" + random.nextInt(16), 1 + random.nextInt(4), null);   // tombstone
    } else {
      state.putVersioned("k" + random.nextInt(16), 1 + random.nextInt(4), "v" + random.nextInt(4));
    }
  }

  @Override
  protected KvState createLargeState(int entries, Random random) {
    KvState s = new KvState();
    for (int i = 0; i < entries; i++) {
      s.putVersioned("k" + i, 1 + random.nextInt(4), "v" + random.nextInt(4));
    }
    return s;
  }

  @Override
  protected String describe(KvState state) {
    return state.size() <= 8 ? state.entries().toString() : super.describe(state);
  }
}
