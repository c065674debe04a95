package org.alertcluster.spitests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.alertcluster.api.Member;
import org.alertcluster.api.MembershipListener;
import org.alertcluster.api.Peer;

/**
 * The shared body of leave01 and fail01: one peer goes away (how is the rule's business); every other
 * peer's listener must report it with the expected event and never the other one, and it must drop
 * out of their membership.
 */
final class MembershipRule {

  /** Records membership events as {@code "<event>:<name>"}. */
  private static final class Recorder implements MembershipListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void left(Member member) {
      events.add("left:" + member.name());
    }

    @Override
    public void failed(Member member) {
      events.add("failed:" + member.name());
    }
  }

  private final PeerRule rule;
  private final List<Peer> peers;
  private final PeerChecks verification;

  MembershipRule(PeerRule rule, List<Peer> peers, PeerChecks verification) {
    this.rule = rule;
    this.peers = peers;
    this.verification = verification;
  }

  void run(Consumer<Peer> goAway, String expected, String wrong) {
    int n = peers.size();
    verification.awaitView(rule, peers, n);
    Peer gone = peers.get(n - 1);
    String name = gone.name();
    List<Peer> stay = peers.subList(0, n - 1);
    List<Recorder> recorders = stay.stream().map(p -> {
      Recorder r = new Recorder();
      p.addMembershipListener(r);
      return r;
    }).toList();
    goAway.accept(gone);
    verification.check(rule, stay, () -> recorders.stream()
            .allMatch(r -> r.events.contains(expected + ":" + name))
            && stay.stream().allMatch(p -> p.clusterSize() == n - 1
                && p.members().stream().noneMatch(m -> m.name().equals(name))),
        () -> "the others did not all report '" + expected + "' for " + name + " and drop it; events "
            + "seen: " + recorders.stream().map(r -> r.events).toList());
    for (Recorder r : recorders) {
      if (r.events.contains(wrong + ":" + name)) {
        verification.fail(rule, stay, name + " was reported as '" + wrong + "' (expected '"
            + expected + "'); events seen: " + r.events);
      }
    }
  }
}
