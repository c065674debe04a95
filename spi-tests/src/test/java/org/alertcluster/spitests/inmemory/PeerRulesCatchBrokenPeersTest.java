package org.alertcluster.spitests.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The proof that PeerVerification's rules can fail: a faithful in-memory peer passes all ten, and
 * each flawed variant fails the rule about its flaw (and only rules that depend on it). The real
 * JGroups peer is checked in the impl module.
 */
class PeerRulesCatchBrokenPeersTest {

  private static final Set<String> ALL_RULES = Set.of(
      "required_join01_peersJoinAndAgreeOnMembership",
      "required_ready01_readyCompletesAfterSettling",
      "required_bcast01_broadcastsReachEveryOtherPeer",
      "required_bcast02_oversizedBroadcastsReachEveryOtherPeer",
      "required_state01_lateJoinerReceivesFullState",
      "required_state02_stateAddedAfterJoinIsCaughtUp",
      "required_leave01_leaveIsSeenAsLeft",
      "required_fail01_crashIsSeenAsFailed",
      "required_name01_clustersWithDifferentNamesStayApart",
      "required_remove01_removeStateStopsDelivery");

  private static final String HEAL01 = "required_heal01_splitWrittenHealedClusterConverges";

  private record Outcome(Map<String, String> failures, Set<String> passed, Set<String> skipped) {}

  @Test
  void faithfulPeerPassesEveryRule() {
    Outcome outcome = run(PeerIncarnations.Faithful.class);
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.passed()).isEqualTo(ALL_RULES);
    // In-memory peers share no network whose links could be cut: heal01 is skipped for them.
    assertThat(outcome.skipped()).containsExactly(HEAL01);
  }

  @Test
  void crashRuleIsSkippedWhenNoCrashHookIsGiven() {
    Outcome outcome = run(PeerIncarnations.FaithfulWithoutCrash.class);
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.skipped()).containsExactlyInAnyOrder("required_fail01_crashIsSeenAsFailed",
        HEAL01);
  }

  @Test
  void unsortedMembersAreCaught() {
    // Most rules wait for an agreed view first, so only join01 itself is run here.
    Outcome outcome = run(selectMethod(PeerIncarnations.MembersUnsorted.class,
        "required_join01_peersJoinAndAgreeOnMembership"));
    assertCaught(outcome, "required_join01_peersJoinAndAgreeOnMembership", "join01");
  }

  @Test
  void peerThatNeverSettlesIsCaught() {
    Outcome outcome = run(PeerIncarnations.NeverReady.class);
    assertCaught(outcome, "required_ready01_readyCompletesAfterSettling", "ready01");
  }

  @Test
  void droppedOversizedBroadcastsAreCaught() {
    assertOnlyFails(PeerIncarnations.DropsOversized.class, "bcast02",
        "required_bcast02_oversizedBroadcastsReachEveryOtherPeer");
  }

  @Test
  void missingCatchUpIsCaught() {
    Outcome outcome = run(PeerIncarnations.NoCatchUp.class);
    assertCaught(outcome, "required_state01_lateJoinerReceivesFullState", "state01");
    assertCaught(outcome, "required_state02_stateAddedAfterJoinIsCaughtUp", "state02");
    assertThat(outcome.passed()).contains("required_bcast01_broadcastsReachEveryOtherPeer");
  }

  @Test
  void leaveReportedAsFailureIsCaught() {
    assertOnlyFails(PeerIncarnations.LeaveReportedAsFailed.class, "leave01",
        "required_leave01_leaveIsSeenAsLeft");
  }

  @Test
  void ignoredClusterNameIsCaught() {
    assertOnlyFails(PeerIncarnations.IgnoresClusterName.class, "name01",
        "required_name01_clustersWithDifferentNamesStayApart");
  }

  @Test
  void removeStateThatKeepsDeliveringIsCaught() {
    assertOnlyFails(PeerIncarnations.RemoveKeepsDelivering.class, "remove01",
        "required_remove01_removeStateStopsDelivery");
  }

  private static void assertOnlyFails(Class<?> incarnation, String ruleId, String rule) {
    Outcome outcome = run(incarnation);
    assertCaught(outcome, rule, ruleId);
    assertThat(outcome.failures()).containsOnlyKeys(rule);
  }

  private static void assertCaught(Outcome outcome, String rule, String ruleId) {
    assertThat(outcome.failures()).as("rules that failed").containsKey(rule);
    System.out.println("caught as expected -> " + outcome.failures().get(rule));
    assertThat(outcome.failures().get(rule))
        .contains("Rule " + ruleId + " violated")
        .contains("cluster:   kit-" + ruleId + "-")
        .contains("views:")
        .contains("check:");
  }

  private static Outcome run(Class<?> verification) {
    return run(selectClass(verification));
  }

  private static Outcome run(DiscoverySelector selector) {
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    Map<String, String> failures = new TreeMap<>();
    Set<String> passed = new TreeSet<>();
    Set<String> skipped = new TreeSet<>();
    tests.failed().stream().forEach(e -> failures.put(method(e),
        e.getRequiredPayload(TestExecutionResult.class).getThrowable()
            .map(Throwable::getMessage).orElse("")));
    tests.succeeded().stream().forEach(e -> passed.add(method(e)));
    tests.aborted().stream().forEach(e -> skipped.add(method(e)));
    tests.skipped().stream().forEach(e -> skipped.add(method(e)));
    return new Outcome(failures, passed, skipped);
  }

  private static String method(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }
}
