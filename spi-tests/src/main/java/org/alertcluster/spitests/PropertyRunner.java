package org.alertcluster.spitests;

import org.opentest4j.AssertionFailedError;

/**
 * Runs one seed of a property rule and, when it fails, shrinks: replays the same seed with fewer
 * updates per generated State and reports the smallest count that still fails, so the host debugs
 * the smallest input rather than the first one found.
 */
final class PropertyRunner {

  /** One seed of a property: returns null when the property holds. */
  @FunctionalInterface
  interface Check {
    Finding run(long seed, int updates) throws Exception;
  }

  private record Outcome(Finding finding, Throwable error) {
    boolean passed() {
      return finding == null && error == null;
    }

    String text() {
      if (finding != null) {
        return finding.lines();
      }
      return "threw " + error;
    }
  }

  private PropertyRunner() {}

  /**
   * The number of updates per generated State for a seed: between 1 and {@code maxUpdates}, varied by
   * seed so that both tiny and busy States are covered.
   */
  static int updatesFor(long seed, int maxUpdates) {
    return 1 + (int) Math.floorMod(StateHarness.derive(seed, 0), (long) Math.max(1, maxUpdates));
  }

  static void verify(StateRule rule, String stateName, long seed, int maxUpdates, Check check) {
    int updates = updatesFor(seed, maxUpdates);
    Outcome first = attempt(check, seed, updates);
    if (first.passed()) {
      return;
    }
    Outcome smallest = first;
    int smallestUpdates = updates;
    for (int fewer = 0; fewer < updates; fewer++) {
      Outcome outcome = attempt(check, seed, fewer);
      if (!outcome.passed()) {
        smallest = outcome;
        smallestUpdates = fewer;
        break;
      }
    }
    String message = FailureMessage.builder(rule, stateName)
        .line("broke", first.text())
        .line("seed", seed + " (" + updates + " updates per generated State)")
        .line("smallest", smallestUpdates == updates
            ? "no smaller failing input: fewer updates all pass"
            : "updates=" + smallestUpdates + ": " + smallest.text())
        .line("reproduce", VerificationEnvironment.reproduceWith(seed))
        .build();
    Throwable cause = smallest.error != null ? smallest.error : first.error;
    throw new AssertionFailedError(message, cause);
  }

  private static Outcome attempt(Check check, long seed, int updates) {
    try {
      return new Outcome(check.run(seed, updates), null);
    } catch (Exception | AssertionError | StackOverflowError e) {
      return new Outcome(null, e);
    }
  }
}
