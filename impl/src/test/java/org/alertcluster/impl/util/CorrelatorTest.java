package org.alertcluster.impl.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

  private final Correlator<String> correlator = new Correlator<>();
  private final Address a = UUID.randomUUID();
  private final Address b = UUID.randomUUID();
  private final Address c = UUID.randomUUID();

  @Test
  void theLastAnswerHandsTheRequestToTheCallerOnceAndOnlyFromAwaitedMembers() {
    Correlator.Request<String> r = correlator.open("goodbye", List.of(a, b));
    assertThat(correlator.answer(r.id(), c)).isEmpty(); // not asked
    assertThat(correlator.answer(r.id(), a)).isEmpty(); // b still owes an answer
    assertThat(correlator.answer(r.id(), a)).isEmpty(); // a duplicate changes nothing
    assertThat(correlator.awaiting(r.id())).containsExactly(b);
    assertThat(correlator.answer(r.id(), b)).containsSame(r);
    assertThat(r.answered()).isNotDone(); // the caller completes it, after handling the answer
    assertThat(correlator.answer(r.id(), b)).isEmpty(); // closed now
    assertThat(correlator.awaiting(r.id())).isEmpty();
  }

  @Test
  void idsAreDistinctAndUnknownIdsAreIgnored() {
    Correlator.Request<String> one = correlator.open("1", List.of(a));
    Correlator.Request<String> two = correlator.open("2", List.of(a));
    assertThat(one.id()).isNotEqualTo(two.id());
    assertThat(correlator.answer(12345, a)).isEmpty();
    assertThat(correlator.answer(two.id(), a)).containsSame(two);
    assertThat(correlator.awaiting(one.id())).containsExactly(a);
  }

  @Test
  void theContextIsThereWhileTheRequestIsOpen() {
    Correlator.Request<String> r = correlator.open("acked update", List.of(a, b));
    assertThat(correlator.context(r.id())).contains("acked update");
    correlator.answer(r.id(), a);
    assertThat(correlator.context(r.id())).contains("acked update");
    correlator.answer(r.id(), b);
    assertThat(correlator.context(r.id())).isEmpty();
    assertThat(correlator.context(r.id() + 1)).isEmpty();
  }

  @Test
  void aNewCorrelatorDoesNotReuseTheIdsOfAFormerOne() {
    // A restarted peer must not take answers meant for its former incarnation as its own.
    long former = new Correlator<String>().open("x", List.of(a)).id();
    long restarted = new Correlator<String>().open("x", List.of(a)).id();
    assertThat(restarted).isNotEqualTo(former);
  }

  @Test
  void failCompletesWithFalseOnceAndLateAnswersFindNothing() {
    Correlator.Request<String> r = correlator.open("exchange", List.of(a));
    assertThat(correlator.fail(r.id())).containsSame(r);
    assertThat(r.answered()).isCompletedWithValue(false);
    assertThat(correlator.fail(r.id())).isEmpty();
    assertThat(correlator.answer(r.id(), a)).isEmpty();
  }

  @Test
  void membersLeavingTheViewOweNothing() {
    Correlator.Request<String> r = correlator.open("goodbye", List.of(a, b));
    correlator.answer(r.id(), a);
    correlator.retainMembers(List.of(a, c)); // b left
    assertThat(r.answered()).isCompletedWithValue(true);
    Correlator.Request<String> still = correlator.open("goodbye", List.of(a, b));
    correlator.retainMembers(List.of(a, b));
    assertThat(still.answered()).isNotDone();
  }

  @Test
  void aRequestToNobodyIsAnsweredAtOnceAndFailAllFailsTheRest() {
    assertThat(correlator.open("alone", List.of()).answered()).isCompletedWithValue(true);
    Correlator.Request<String> r = correlator.open("x", List.of(a));
    correlator.failAll();
    assertThat(r.answered()).isCompletedWithValue(false);
  }
}
