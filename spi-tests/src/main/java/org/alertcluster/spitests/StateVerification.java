package org.alertcluster.spitests;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.stream.LongStream;
import org.alertcluster.api.State;
import org.alertcluster.spitests.support.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance test for a host's {@link State}: subclass it in your tests, say how to create an
 * empty State and how to apply a random update, and every rule of {@link StateVerificationRules} runs
 * against your implementation. Modelled on the reactive-streams TCK: one test per rule, named after it
 * and graded {@code required_}/{@code optional_}/{@code stochastic_}; failures name the rule, the seed,
 * how to replay it and the smallest failing input.
 *
 * <pre>{@code
 * class SilencesStateTest extends StateVerification<Silences> {
 *   @Override protected Silences createState() { return new Silences(); }
 *
 *   @Override protected void mutate(Silences state, Random random) {
 *     // every id, value and timestamp from `random`, so that a seed replays
 *     state.upsert("s" + random.nextInt(16), "matcher" + random.nextInt(8), random.nextInt(4));
 *   }
 *
 *   @Override protected Silences createLargeState(int entries, Random random) {
 *     Silences state = new Silences();    // distinct ids: size01 fails on a "large" State of 16
 *     for (int i = 0; i < entries; i++) {
 *       state.upsert("s" + i, "matcher" + random.nextInt(8), random.nextInt(4));
 *     }
 *     return state;
 *   }
 * }
 * }</pre>
 *
 * <p>Draw ids and timestamps from small ranges (as above) so that replicas built from different
 * seeds write the same ids with different values and equal timestamps: that is where conflicts, and
 * convergence bugs, are. Wide ranges make the merge rules pass without testing much.
 *
 * <p>Capability knobs ({@link #supportsConcurrentUse()}, {@link #largeStateEntries()},
 * {@link #skipStochasticTests()}, {@link #skipOptionalTests()}) skip rules rather than fail them.
 * Seeds, iteration counts and sizes come from {@link VerificationEnvironment} (system properties
 * {@code alertcluster.spitests.*}).
 *
 * <p>The class runs with {@code @TestInstance(PER_CLASS)} (its seed source is an instance method
 * reading the overridable knobs); do not switch a subclass back to per-method instances.
 *
 * @param <S> the host's State type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StateVerification<S extends State> implements StateVerificationRules {

  private static final String SEED_NAME = "seed={0}";

  private final VerificationEnvironment environment;
  private final StateHarness<S> harness = new StateHarness<>() {
    @Override
    public S create() {
      return Objects.requireNonNull(createState(), "createState() returned null");
    }

    @Override
    public void mutate(S state, Random random) {
      StateVerification.this.mutate(state, random);
    }

    @Override
    public boolean equivalent(S a, S b) {
      return StateVerification.this.equivalent(a, b);
    }

    @Override
    public String describe(S state) {
      return StateVerification.this.describe(state);
    }
  };
  private final StateChecks<S> checks = new StateChecks<>(harness, this::deltaUpdates);

  /** Uses {@link VerificationEnvironment#fromSystemProperties()}. */
  protected StateVerification() {
    this(VerificationEnvironment.fromSystemProperties());
  }

  /**
   * Uses a given environment (fixed seeds or sizes in code).
   *
   * @param environment the environment
   */
  protected StateVerification(VerificationEnvironment environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  // ---------------------------------------------------------------- hooks the host implements

  /**
   * A new, empty State. Called many times per rule; every instance is an independent replica.
   *
   * @return an empty State
   */
  protected abstract S createState();

  /**
   * Applies one random, valid local update to {@code state}, as the host would on a user action
   * (create or expire a silence, record a notification). Take every choice from {@code random}: the
   * kit rebuilds States from their seed and compares them (rule gen01).
   *
   * @param state the State to change
   * @param random the source of every id, value and timestamp
   */
  protected abstract void mutate(S state, Random random);

  /**
   * Whether two States hold the same replicated content. The default compares snapshots byte for
   * byte, which is right when {@link State#marshalBinary()} is canonical (entries in a fixed order,
   * as a sorted map gives). <b>Hosts whose snapshot byte order is not canonical</b> (a HashMap
   * iterated as is, a set) must override this, comparing decoded entries.
   *
   * @param a a State
   * @param b another State
   * @return true if equivalent
   */
  protected boolean equivalent(S a, S b) {
    return Arrays.equals(a.marshalBinary(), b.marshalBinary());
  }

  /**
   * A short description of a State for failure messages; by default the size and hex summary of its
   * snapshot. Override to show entries.
   *
   * @param state the State
   * @return the description
   */
  protected String describe(S state) {
    return Bytes.summary(state.marshalBinary());
  }

  /**
   * Builds a State with about {@code entries} entries for rule size01. The default applies
   * {@link #mutate} {@code entries} times, which is slow for large sizes and may not create distinct
   * entries: override it with a bulk load of distinct entries.
   *
   * @param entries how many entries
   * @param random a seeded source for ids and values
   * @return the large State
   */
  protected S createLargeState(int entries, Random random) {
    S state = harness.create();
    for (int i = 0; i < entries; i++) {
      mutate(state, random);
    }
    return state;
  }

  // ---------------------------------------------------------------- capability knobs

  /**
   * The most updates per generated State in property rules (the count varies per seed between 1 and
   * this; shrinking then looks for the smallest count that still fails). Default 16: with 16 ids and
   * 4 timestamps, about half the seeds produce a same-timestamp conflict between two replicas.
   *
   * @return at least 1
   */
  protected int maxUpdates() {
    return 16;
  }

  /**
   * Updates in a delta (a State with few updates whose snapshot stands for a broadcast). Default 2.
   *
   * @return at least 1
   */
  protected int deltaUpdates() {
    return 2;
  }

  /**
   * Whether the State may be used from several threads at once. The api requires it (the peer merges
   * from its receive threads); return false only for a State the host guards itself, and rule conc01
   * is skipped. Default true.
   *
   * @return true to run conc01
   */
  protected boolean supportsConcurrentUse() {
    return true;
  }

  /**
   * Merges per thread in each round of conc01. Default 250.
   *
   * @return at least 1
   */
  protected int concurrentMergesPerThread() {
    return 250;
  }

  /**
   * Rounds of conc01, each with other seeds; the rule stops at the first failing round. Default 5.
   *
   * @return at least 1
   */
  protected int concurrentRounds() {
    return 5;
  }

  /**
   * Entries of rule size01; 0 skips it. Default {@link VerificationEnvironment#largeStateEntries()}.
   *
   * @return zero or more
   */
  protected int largeStateEntries() {
    return environment.largeStateEntries();
  }

  /**
   * Whether to skip the {@code stochastic_} rules. Default false.
   *
   * @return true to skip them
   */
  protected boolean skipStochasticTests() {
    return false;
  }

  /**
   * Whether to skip the {@code optional_} rules (for a State that knowingly deviates). Default false.
   *
   * @return true to skip them
   */
  protected boolean skipOptionalTests() {
    return false;
  }

  /**
   * The environment of this run.
   *
   * @return the environment
   */
  protected final VerificationEnvironment environment() {
    return environment;
  }

  /**
   * The seeds of the property rules: the environment's seed first, then seeds derived from it.
   *
   * @return {@link VerificationEnvironment#iterations()} seeds
   */
  protected final LongStream seeds() {
    long base = environment.seed();
    return LongStream.range(0, environment.iterations())
        .map(i -> i == 0 ? base : StateHarness.derive(base, 1000 + (int) i));
  }

  @BeforeAll
  void announceEnvironment() {
    System.out.println("StateVerification of " + getClass().getName() + ": " + environment);
  }

  // ---------------------------------------------------------------- rules

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_gen01_seededUpdatesAreReproducible(long seed) {
    property(StateRule.GEN01, seed, checks::reproducible);
  }

  @Override
  @Test
  public void required_gen02_updatesChangeTheState() {
    S busy = harness.build(environment.seed(), StateHarness.A, maxUpdates());
    byte[] snapshot = busy.marshalBinary();
    if (snapshot.length == 0 || equivalent(busy, harness.create())) {
      fail(FailureMessage.builder(StateRule.GEN02, subject())
          .line("broke", "after " + maxUpdates() + " updates the State is equivalent to an empty "
              + "one or marshals to 0 bytes")
          .line("state", describe(busy))
          .line("seed", String.valueOf(environment.seed())));
    }
  }

  @Override
  @Test
  public void required_key01_keyIsValidAndStable() {
    S a = harness.create();
    String key = a.key();
    String problem = null;
    if (!State.isValidKey(key)) {
      problem = "key() returned '" + key + "', which does not match " + State.KEY_SYNTAX.pattern();
    } else if (!key.equals(a.key())) {
      problem = "key() returned '" + key + "' then '" + a.key() + "'";
    } else {
      mutate(a, new Random(environment.seed()));
      a.merge(harness.build(environment.seed(), StateHarness.B, 3).marshalBinary());
      S b = harness.create();
      if (!key.equals(a.key())) {
        problem = "key() changed after updates and a merge: '" + key + "' → '" + a.key() + "'";
      } else if (!key.equals(b.key())) {
        problem = "two States from createState() have keys '" + key + "' and '" + b.key()
            + "'; replicas only exchange data under the same key";
      }
    }
    if (problem != null) {
      fail(FailureMessage.builder(StateRule.KEY01, subject()).line("broke", problem));
    }
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_marshal01_snapshotRoundTrips(long seed) {
    property(StateRule.MARSHAL01, seed, checks::roundTrip);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_marshal02_emptySnapshotMergesAsNoOp(long seed) {
    property(StateRule.MARSHAL02, seed, checks::emptyIsNoOp);
  }

  @Override
  @Test
  public void optional_marshal03_emptyStateMarshalsToEmptyArray() {
    assumeFalse(skipOptionalTests(), "optional rules skipped by skipOptionalTests()");
    byte[] snapshot = harness.create().marshalBinary();
    if (snapshot == null || snapshot.length != 0) {
      fail(FailureMessage.builder(StateRule.MARSHAL03, subject())
          .line("broke", "an empty State marshals to " + Bytes.summary(snapshot)));
    }
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_merge01_mergeIsIdempotent(long seed) {
    property(StateRule.MERGE01, seed, checks::idempotent);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_merge02_mergeIsCommutative(long seed) {
    property(StateRule.MERGE02, seed, checks::commutative);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_merge03_mergeIsAssociative(long seed) {
    property(StateRule.MERGE03, seed, checks::associative);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_merge04_mergingOwnSnapshotIsNoOp(long seed) {
    property(StateRule.MERGE04, seed, checks::ownSnapshotIsNoOp);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_input01_rejectedInputLeavesStateUnchanged(long seed) {
    property(StateRule.INPUT01, seed, checks::atomicRejection);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void required_input02_malformedInputIsNotSwallowed(long seed) {
    property(StateRule.INPUT02, seed, checks::malformedNotSwallowed);
  }

  @Override
  @ParameterizedTest(name = SEED_NAME)
  @MethodSource("seeds")
  public void stochastic_input03_randomBytesAreNotSwallowed(long seed) {
    assumeFalse(skipStochasticTests(), "stochastic rules skipped by skipStochasticTests()");
    property(StateRule.INPUT03, seed, checks::randomNotSwallowed);
  }

  @Override
  @Test
  public void stochastic_conc01_concurrentMergesMatchSerialOrder() throws InterruptedException {
    assumeFalse(skipStochasticTests(), "stochastic rules skipped by skipStochasticTests()");
    assumeTrue(supportsConcurrentUse(), "supportsConcurrentUse() is false: conc01 skipped");
    ConcurrentMerges<S> check = new ConcurrentMerges<>(harness, environment.threads(),
        concurrentMergesPerThread(), deltaUpdates(), environment.timeout());
    for (int round = 0; round < concurrentRounds(); round++) {
      long seed = round == 0 ? environment.seed() : StateHarness.derive(environment.seed(),
          7000 + round);
      Finding finding = check.run(seed);
      if (finding != null) {
        fail(FailureMessage.builder(StateRule.CONC01, subject())
            .line("broke", finding.lines())
            .line("seed", seed + " (round " + (round + 1) + " of " + concurrentRounds() + ")")
            .line("reproduce", "-D" + VerificationEnvironment.PROPERTY_PREFIX + "seed=" + seed
                + " (races are not deterministic; run a few times)"));
      }
    }
  }

  @Override
  @Test
  public void required_size01_largeStateRoundTrips() {
    int entries = largeStateEntries();
    assumeTrue(entries > 0, "largeStateEntries() is 0: size01 skipped");
    new LargeStateCheck<>(harness, subject(), environment)
        .run(entries, createLargeState(entries, new Random(environment.seed())));
  }

  // ---------------------------------------------------------------- helpers

  private void property(StateRule rule, long seed, PropertyRunner.Check check) {
    PropertyRunner.verify(rule, subject(), seed, maxUpdates(), check);
  }

  private String subject() {
    return getClass().getName();
  }

  private static void fail(FailureMessage message) {
    throw new AssertionFailedError(message.build());
  }
}
