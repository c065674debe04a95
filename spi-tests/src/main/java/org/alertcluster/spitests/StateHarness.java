package org.alertcluster.spitests;

import java.util.Random;
import java.util.SplittableRandom;
import org.alertcluster.api.State;

/**
 * The host's hooks as the checks see them: create, build from a seed, compare, describe. Building is
 * deterministic so that a seed replays the same States.
 *
 * @param <S> the host's State type
 */
interface StateHarness<S extends State> {

  /** Role of the base replica in a check. */
  int A = 1;
  /** Role of a second, independent replica. */
  int B = 2;
  /** Role of a third, independent replica. */
  int C = 3;
  /** Role of a delta (a State with few updates). */
  int DELTA = 4;

  S create();

  void mutate(S state, Random random);

  boolean equivalent(S a, S b);

  String describe(S state);

  /**
   * A State with {@code updates} updates drawn from a Random seeded by {@code seed} and {@code role},
   * so that replicas built for different roles of one seed are independent, and rebuilding replays.
   */
  default S build(long seed, int role, int updates) {
    S state = create();
    Random random = new Random(derive(seed, role));
    for (int i = 0; i < updates; i++) {
      mutate(state, random);
    }
    return state;
  }

  /** A well-mixed seed for a role, so that neighbouring seeds and roles do not correlate. */
  static long derive(long seed, int role) {
    return new SplittableRandom(seed + role * 0x9E3779B97F4A7C15L).nextLong();
  }
}
