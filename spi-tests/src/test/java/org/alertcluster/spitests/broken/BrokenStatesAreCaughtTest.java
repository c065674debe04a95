package org.alertcluster.spitests.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alertcluster.spitests.sample.LwwMapStateVerificationTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit's proof that it works: each deliberately broken State is caught by the rule meant for it,
 * with a message naming the rule, the seed and how to replay it; the rules it does not break pass
 * (so a failure points at the right flaw); and the sample State passes everything.
 */
class BrokenStatesAreCaughtTest {

  /** What one verification run did, per rule (test method) name. */
  private record Outcome(Map<String, String> failures, Set<String> passed, Set<String> skipped) {}

  @Test
  void counterThatAddsOnMergeIsCaughtAsNotIdempotent() {
    Outcome outcome = run(Incarnations.Counting.class);
    assertCaught(outcome, "required_merge01_mergeIsIdempotent", "merge01");
    assertThat(outcome.failures()).containsKey("required_merge04_mergingOwnSnapshotIsNoOp");
    assertThat(outcome.passed()).contains("required_marshal01_snapshotRoundTrips",
        "required_merge02_mergeIsCommutative", "required_merge03_mergeIsAssociative",
        "required_input01_rejectedInputLeavesStateUnchanged",
        "stochastic_conc01_concurrentMergesMatchSerialOrder");
  }

  @Test
  void lastWriteWinsWithoutTiebreakIsCaughtAsNotCommutative() {
    Outcome outcome = run(Incarnations.TieKeepsExisting.class);
    assertCaught(outcome, "required_merge02_mergeIsCommutative", "merge02");
    // The inputs (the two snapshots) and what came out (the two merged States) under their labels.
    assertThat(outcome.failures().get("required_merge02_mergeIsCommutative"))
        .containsPattern("broke: +replica a merged b's snapshot and replica b merged a's, and they differ\n")
        .containsPattern("\n  inputs: +a=\\d+ bytes \\[")
        .containsPattern("\n  got: +a\\+b=|\n  got: +a,b=");
    // A merge that keeps the first arrival also makes concurrent merges differ from the serial
    // order; conc01 said "lost or torn updates" and sent a host with a locked State looking for a
    // race. When it fires here, it names the order as the cause.
    String conc01 = outcome.failures().get("stochastic_conc01_concurrentMergesMatchSerialOrder");
    if (conc01 != null) {
      assertThat(conc01).contains("depends on the order of merges, not on threads; fix merge02")
          .doesNotContain("lost or torn updates");
    }
    assertThat(outcome.passed()).contains("required_merge01_mergeIsIdempotent",
        "required_merge04_mergingOwnSnapshotIsNoOp", "required_marshal01_snapshotRoundTrips",
        "required_input01_rejectedInputLeavesStateUnchanged",
        "required_input02_malformedInputIsNotSwallowed");
  }

  @Test
  void inputsAreShownThroughTheHostsDescribeLikeTheResults() {
    // They were always the snapshots' bytes, so a host that overrode describe read its entries for
    // what came out and hex for what went in.
    Outcome outcome = run(Incarnations.TieKeepsExistingDescribed.class);
    assertCaught(outcome, "required_merge02_mergeIsCommutative", "merge02");
    assertThat(outcome.failures().get("required_merge02_mergeIsCommutative"))
        .containsPattern("\n  inputs: +a=\\[LwwEntry\\[id=.*; b=\\[LwwEntry\\[id=")
        .containsPattern("\n  got: +(a\\+b|a,b)=\\[LwwEntry\\[id=");
  }

  @Test
  void mergeThatSwallowsBadBytesIsCaught() {
    Outcome outcome = run(Incarnations.Swallowing.class);
    assertCaught(outcome, "required_input02_malformedInputIsNotSwallowed", "input02");
    assertThat(outcome.failures().get("required_input02_malformedInputIsNotSwallowed"))
        .contains("swallowed");
    assertThat(outcome.passed()).contains("required_input01_rejectedInputLeavesStateUnchanged",
        "required_merge01_mergeIsIdempotent", "required_merge02_mergeIsCommutative",
        "stochastic_conc01_concurrentMergesMatchSerialOrder");
  }

  @Test
  void mergeThatHalfAppliesBadBytesIsCaught() {
    Outcome outcome = run(Incarnations.HalfApplying.class);
    assertCaught(outcome, "required_input01_rejectedInputLeavesStateUnchanged", "input01");
    assertThat(outcome.failures().get("required_input01_rejectedInputLeavesStateUnchanged"))
        .contains("half-applied");
    assertThat(outcome.passed()).contains("required_input02_malformedInputIsNotSwallowed",
        "required_merge01_mergeIsIdempotent", "required_merge02_mergeIsCommutative",
        "required_marshal01_snapshotRoundTrips");
  }

  @Test
  void plainHashMapWithoutLockingIsCaughtByTheConcurrencyRule() {
    Outcome outcome = run(Incarnations.UnsafeHashMap.class);
    assertCaught(outcome, "stochastic_conc01_concurrentMergesMatchSerialOrder", "conc01");
    // Single-threaded it is a correct State: only the concurrency rule may fire.
    assertThat(outcome.failures()).containsOnlyKeys(
        "stochastic_conc01_concurrentMergesMatchSerialOrder");
    // ...and it blames threads (a lost update or a thread's exception), never the order of merges:
    // merging in another order on one thread gives the same State
    assertThat(outcome.failures().get("stochastic_conc01_concurrentMergesMatchSerialOrder"))
        .doesNotContain("depends on the order of merges");
  }

  @Test
  void largeStateThatIsNotLargeIsCaughtBySize01() {
    Outcome outcome = run(Incarnations.SmallRange.class);
    assertThat(outcome.failures()).as("rules that failed")
        .containsOnlyKeys("required_size01_largeStateRoundTrips");
    String message = outcome.failures().get("required_size01_largeStateRoundTrips");
    System.out.println("caught as expected -> " + message);
    assertThat(message).contains("Rule size01 violated")
        .contains("the large State is not large: built with 2000 entries it marshals to only")
        .contains("override createLargeState(entries, random)");
  }

  @Test
  void sampleStatePassesEveryRule() {
    Outcome outcome = run(LwwMapStateVerificationTest.class);
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.skipped()).isEmpty();
    assertThat(outcome.passed()).hasSize(15);
  }

  private static void assertCaught(Outcome outcome, String rule, String ruleId) {
    assertThat(outcome.failures()).as("rules that failed").containsKey(rule);
    // Shown in the build log: this is the message a host would read.
    System.out.println("caught as expected -> " + outcome.failures().get(rule));
    assertThat(outcome.failures().get(rule))
        .contains("Rule " + ruleId + " violated")
        .contains("seed")
        .contains("check:");
    if (rule.contains("_conc01_")) {
      return;
    }
    assertThat(outcome.failures().get(rule))
        .contains("-Dalertcluster.spitests.seed=")
        .contains("smallest:");
  }

  private static Outcome run(Class<?> verification) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(verification))
        .execute();
    Map<String, String> failures = new TreeMap<>();
    Set<String> passed = new TreeSet<>();
    Set<String> skipped = new TreeSet<>();
    results.testEvents().failed().stream().forEach(e -> failures.putIfAbsent(method(e),
        e.getRequiredPayload(TestExecutionResult.class).getThrowable()
            .map(Throwable::getMessage).orElse("")));
    results.testEvents().succeeded().stream().forEach(e -> passed.add(method(e)));
    results.testEvents().skipped().stream().forEach(e -> skipped.add(method(e)));
    results.testEvents().aborted().stream().forEach(e -> skipped.add(method(e)));
    // A rule is passed only if no invocation (seed) of it failed.
    passed.removeAll(failures.keySet());
    return new Outcome(failures, passed, skipped);
  }

  private static String method(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }
}
