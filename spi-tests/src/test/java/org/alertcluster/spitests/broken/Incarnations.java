package org.alertcluster.spitests.broken;

import java.util.Random;
import org.alertcluster.spitests.StateVerification;
import org.alertcluster.spitests.VerificationEnvironment;

/**
 * StateVerification subclasses for the broken States. Nested, so that surefire does not run them on
 * their own (they are meant to fail); {@code BrokenStatesAreCaughtTest} runs them with the JUnit
 * Platform test kit and checks which rules fail.
 */
final class Incarnations {

  /**
   * A small large-state (these runs are about which rule fires, not load), and the default 25 seeds:
   * with fewer, a conflict-dependent flaw (no tiebreak) can go unseen in about 1 run of 100.
   */
  static final VerificationEnvironment ENVIRONMENT = VerificationEnvironment.fromSystemProperties()
      .withLargeStateEntries(2_000);

  private Incarnations() {}

  static void putRandom(MapStateBase state, Random random) {
    state.put("id-" + random.nextInt(16), "v" + random.nextInt(8), random.nextInt(4));
  }

  static class Counting extends StateVerification<CountingState> {
    Counting() {
      super(ENVIRONMENT);
    }

    @Override
    protected CountingState createState() {
      return new CountingState();
    }

    @Override
    protected void mutate(CountingState state, Random random) {
      state.add(1 + random.nextInt(100));
    }
  }

  static class TieKeepsExisting extends StateVerification<TieKeepsExistingState> {
    TieKeepsExisting() {
      super(ENVIRONMENT);
    }

    @Override
    protected TieKeepsExistingState createState() {
      return new TieKeepsExistingState();
    }

    @Override
    protected void mutate(TieKeepsExistingState state, Random random) {
      putRandom(state, random);
    }
  }

  /** The same flaw, with {@code describe} overridden as the README suggests. */
  static class TieKeepsExistingDescribed extends TieKeepsExisting {
    @Override
    protected String describe(TieKeepsExistingState state) {
      return state.entries.values().toString();
    }
  }

  static class Swallowing extends StateVerification<SwallowingState> {
    Swallowing() {
      super(ENVIRONMENT);
    }

    @Override
    protected SwallowingState createState() {
      return new SwallowingState();
    }

    @Override
    protected void mutate(SwallowingState state, Random random) {
      putRandom(state, random);
    }
  }

  static class HalfApplying extends StateVerification<HalfApplyingState> {
    HalfApplying() {
      super(ENVIRONMENT);
    }

    @Override
    protected HalfApplyingState createState() {
      return new HalfApplyingState();
    }

    @Override
    protected void mutate(HalfApplyingState state, Random random) {
      putRandom(state, random);
    }
  }

  static class UnsafeHashMap extends StateVerification<UnsafeHashMapState> {
    UnsafeHashMap() {
      super(ENVIRONMENT);
    }

    @Override
    protected UnsafeHashMapState createState() {
      return new UnsafeHashMapState();
    }

    @Override
    protected void mutate(UnsafeHashMapState state, Random random) {
      // A wide id range: most merges insert new keys, i.e. resize the table and bump modCount.
      state.put("id-" + random.nextInt(1_000_000), "v" + random.nextInt(8), random.nextInt(16));
    }

    @Override
    protected int concurrentMergesPerThread() {
      return 2_000;
    }

    /**
     * More rounds than the kit's 5: with every core saturated the merging threads seldom overlap,
     * and a fresh-clone CI run under two busy loops once saw 5 rounds without a lost update. The
     * first finding ends the rule, so a caught race costs no more.
     */
    @Override
    protected int concurrentRounds() {
      return 40;
    }
  }

  /**
   * A correct State whose generator draws from 16 ids: its "large" State of 2 000 updates holds 16
   * entries. size01 must say so instead of passing.
   */
  static class SmallRange extends StateVerification<org.alertcluster.spitests.sample.LwwMapState> {
    SmallRange() {
      super(ENVIRONMENT);
    }

    @Override
    protected org.alertcluster.spitests.sample.LwwMapState createState() {
      return new org.alertcluster.spitests.sample.LwwMapState("small-range");
    }

    @Override
    protected void mutate(org.alertcluster.spitests.sample.LwwMapState state, Random random) {
      state.put("id-" + random.nextInt(16), "v" + random.nextInt(8), random.nextInt(4));
    }
  }
}
