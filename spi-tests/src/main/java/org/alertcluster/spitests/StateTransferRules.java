package org.alertcluster.spitests;

import java.util.List;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.sample.LwwMapState;

/**
 * The bodies of {@link PeerVerification}'s state-transfer rules (state01, state02): full state
 * reaches a peer that joins late, and a State added after joining, without any broadcast. Each
 * method is one rule; {@link PeerVerificationRules} documents it.
 */
final class StateTransferRules {

  private final PeerChecks c;

  StateTransferRules(PeerChecks checks) {
    this.c = checks;
  }

  /** state01. */
  void state01(int peerCount) {
    int n = Math.max(2, peerCount);
    List<Peer> early = c.cluster().start(n - 1);
    c.awaitView(PeerRule.STATE01, early, n - 1);
    List<LwwMapState> states = c.writeLocally(early, 20);
    Peer late = c.cluster().startKnowing(c.cluster().clusterName(), List.of(early.get(0)));
    LwwMapState lateState = new LwwMapState(PeerChecks.KEY);
    late.addState(lateState);
    int expected = 20 * (n - 1);
    c.check(PeerRule.STATE01, c.cluster().created(), () -> lateState.size() >= expected,
        () -> "the late joiner holds " + lateState.size() + " of the " + expected
            + " entries written before it joined (existing peers: " + PeerChecks.sizes(states) + ")");
  }

  /** state02. */
  void state02(int peerCount) {
    int n = Math.max(2, peerCount);
    List<Peer> peers = c.cluster().start(n);
    c.awaitView(PeerRule.STATE02, peers, n);
    c.awaitReady(PeerRule.STATE02, peers);
    List<LwwMapState> states = c.writeLocally(peers.subList(0, n - 1), 10);
    LwwMapState added = new LwwMapState(PeerChecks.KEY);
    peers.get(n - 1).addState(added);
    int expected = 10 * (n - 1);
    c.check(PeerRule.STATE02, peers, () -> added.size() >= expected,
        () -> "a State added to a ready peer holds " + added.size() + " of the " + expected
            + " entries the others hold (" + PeerChecks.sizes(states) + ")");
  }
}
