package org.alertcluster.spitests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.api.PeerStatus;
import org.alertcluster.api.Rendezvous;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.LinkControl;
import org.junit.jupiter.api.Assumptions;

/**
 * The bodies of {@link PeerVerification}'s membership rules (join01, ready01, leave01, fail01,
 * name01, heal01, rank01): who is in the view, when a peer is ready, how a departure is reported,
 * which cluster a peer belongs to, how a split heals, and how members are ranked for a key. Each
 * method is one rule; {@link PeerVerificationRules} documents it.
 */
final class MembershipRules {

  private final PeerChecks c;

  MembershipRules(PeerChecks checks) {
    this.c = checks;
  }

  /** join01. */
  void join01(int peerCount) {
    int n = Math.max(2, peerCount);
    List<Peer> peers = c.cluster().start(n);
    c.check(PeerRule.JOIN01, peers, () -> ClusterAwait.sameView(peers, n),
        () -> "the " + n + " peers did not agree on membership and positions 0.." + (n - 1));
  }

  /** ready01. */
  void ready01(int peerCount) throws InterruptedException {
    List<Peer> peers = c.cluster().start(Math.max(2, peerCount));
    for (Peer peer : peers) {
      try {
        peer.ready().toCompletableFuture().get(c.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        c.fail(PeerRule.READY01, peers, "ready() of " + peer.name() + " did not complete within "
            + c.timeout().toMillis() + " ms; status " + peer.status());
      } catch (ExecutionException e) {
        c.fail(PeerRule.READY01, peers, "ready() of " + peer.name() + " completed exceptionally: "
            + e.getCause() + "; status " + peer.status());
      }
      PeerStatus status = peer.status();
      if (!status.isReady() || !peer.awaitReady(Duration.ZERO)) {
        c.fail(PeerRule.READY01, peers, "ready() completed but status is " + status
            + " and c.awaitReady(0) is " + peer.awaitReady(Duration.ZERO));
      }
    }
  }

  /** leave01. */
  void leave01(int peerCount) {
    List<Peer> peers = c.cluster().start(Math.max(2, peerCount));
    new MembershipRule(PeerRule.LEAVE01, peers, c).run(leaver -> {
      leaver.leave(Duration.ofSeconds(5));
      if (leaver.status() != PeerStatus.LEFT) {
        c.fail(PeerRule.LEAVE01, peers, "after leave() the status is " + leaver.status());
      }
    }, "left", "failed");
  }

  /** fail01: {@code crash} is the host's {@link PeerVerification#crash(Peer)}. */
  void fail01(int peerCount, Consumer<Peer> crash) {
    List<Peer> peers = c.cluster().start(Math.max(2, peerCount));
    new MembershipRule(PeerRule.FAIL01, peers, c).run(victim -> {
      try {
        crash.accept(victim);
      } catch (UnsupportedOperationException e) {
        Assumptions.abort("fail01 skipped: override crash(Peer) to make a peer vanish without a "
            + "goodbye (" + e.getMessage() + ")");
      }
    }, "failed", "left");
  }

  /** name01. */
  void name01() {
    List<Peer> ours = c.cluster().start(2);
    c.awaitView(PeerRule.NAME01, ours, 2);
    Peer stranger = c.cluster().startKnowing(c.cluster().clusterName() + "-other", List.of(ours.get(0)));
    List<Peer> all = c.cluster().created();
    c.awaitReady(PeerRule.NAME01, List.of(stranger));
    LwwMapState ourState0 = new LwwMapState(PeerChecks.KEY);
    LwwMapState ourState1 = new LwwMapState(PeerChecks.KEY);
    LwwMapState strangerState = new LwwMapState(PeerChecks.KEY);
    Channel ourChannel = ours.get(0).addState(ourState0);
    ours.get(1).addState(ourState1);
    Channel strangerChannel = stranger.addState(strangerState);
    strangerChannel.broadcast(strangerState.put("stranger", "x", 1));
    ourChannel.broadcast(ourState0.put("ours", "y", 1));
    c.check(PeerRule.NAME01, all, () -> ourState1.get("ours").isPresent(),
        () -> "control broadcast within the cluster did not arrive");
    boolean apart = ClusterAwait.holdsFor(Duration.ofSeconds(1), () -> stranger.clusterSize() == 1
        && ours.stream().allMatch(p -> p.clusterSize() == 2)
        && ourState1.get("stranger").isEmpty() && strangerState.get("ours").isEmpty());
    if (!apart) {
      c.fail(PeerRule.NAME01, all, "a peer of cluster '" + stranger.config().clusterName()
          + "' mixed with cluster '" + c.cluster().clusterName() + "': stranger sees "
          + stranger.clusterSize() + " members; stranger's entries " + strangerState.entries()
          .keySet() + ", ours " + ourState1.entries().keySet());
    }
  }

  /** heal01: {@code links} is the host's {@link PeerVerification#linkControl()}, or null. */
  void heal01(LinkControl links) {
    Assumptions.assumeTrue(links != null,
        "heal01 skipped: override linkControl() to let the kit cut links between your peers");
    c.cluster().withLinkControl(links);
    List<Peer> peers = c.cluster().start(3);
    c.awaitView(PeerRule.HEAL01, peers, 3);
    List<LwwMapState> states = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (Peer peer : peers) {
      LwwMapState state = new LwwMapState(PeerChecks.KEY);
      states.add(state);
      channels.add(peer.addState(state));
    }
    List<Peer> big = peers.subList(0, 2);
    List<Peer> small = peers.subList(2, 3);
    c.cluster().partition(big, small);
    try {
      c.check(PeerRule.HEAL01, peers, () -> ClusterAwait.sameView(big, 2)
              && ClusterAwait.sameView(small, 1),
          () -> "precondition: after the links were cut the views did not split into 2 + 1");
      channels.get(0).broadcast(states.get(0).put("big-side", "x", 1));
      channels.get(2).broadcast(states.get(2).put("small-side", "y", 1));
    } finally {
      c.cluster().heal();
    }
    c.check(PeerRule.HEAL01, peers, () -> ClusterAwait.sameView(peers, 3),
        () -> "after the links were restored the three peers did not form one view again");
    c.check(PeerRule.HEAL01, peers, () -> states.stream().allMatch(
            s -> s.get("big-side").isPresent() && s.get("small-side").isPresent()),
        () -> "after the merge not every State holds both sides' writes: "
            + states.stream().map(s -> s.entries().keySet().toString()).toList());
  }

  /** rank01. */
  void rank01(int peerCount) {
    int n = Math.max(2, peerCount);
    List<Peer> peers = c.cluster().start(n);
    c.awaitView(PeerRule.RANK01, peers, n);
    Map<String, Integer> owned = new TreeMap<>();
    for (int i = 0; i < 60; i++) {
      String key = "{}:{alertname=\"Rule" + i + "\"}";
      List<Member> expected = Rendezvous.rank(key, peers.get(0).members());
      for (Peer peer : peers) {
        List<Member> ranking = peer.ranking(key);
        if (!ranking.equals(expected)) {
          c.fail(PeerRule.RANK01, peers, "for key " + key + " peer " + peer.name() + " ranks "
              + PeerChecks.names(ranking) + " but Rendezvous.rank of the members gives " + PeerChecks.names(expected));
        }
        int rank = peer.rank(key);
        if (rank != expected.indexOf(peer.self())) {
          c.fail(PeerRule.RANK01, peers, "for key " + key + " peer " + peer.name() + " says rank "
              + rank + " but it is at index " + expected.indexOf(peer.self()) + " of "
              + PeerChecks.names(expected));
        }
      }
      owned.merge(expected.get(0).name(), 1, Integer::sum);
    }
    for (Peer peer : peers) {
      if (!owned.containsKey(peer.name())) {
        c.fail(PeerRule.RANK01, peers, "peer " + peer.name() + " ranks first for none of 60 keys; "
            + "first places: " + owned);
      }
    }
  }
}
