package org.alertcluster.spitests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.alertcluster.api.BroadcastAck;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.spitests.sample.LwwMapState;

/**
 * The bodies of {@link PeerVerification}'s broadcast rules (bcast01, bcast02, remove01, ack01,
 * ack02): an update broadcast on a State's channel reaches that State on every other member, large
 * or small, stops when the State is removed, and an acknowledged broadcast reports who applied it.
 * Each method is one rule; {@link PeerVerificationRules} documents it.
 */
final class BroadcastRules {

  private final PeerChecks c;

  BroadcastRules(PeerChecks checks) {
    this.c = checks;
  }

  /** bcast01. */
  void bcast01(int peerCount) {
    broadcastFromEach(PeerRule.BCAST01, "hello", peerCount);
  }

  /** bcast02. */
  void bcast02(int peerCount) {
    broadcastFromEach(PeerRule.BCAST02, null, peerCount);
  }

  private void broadcastFromEach(PeerRule rule, String smallValue, int peerCount) {
    int n = Math.max(2, peerCount);
    // States are registered as each peer starts and the broadcasts wait until all are ready, so any
    // join-time exchange is over and the entries below can only travel as broadcasts.
    List<LwwMapState> states = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<Peer> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Peer peer = c.cluster().startKnowing(c.cluster().clusterName(), peers.isEmpty() ? List.of()
          : List.of(peers.get(0)));
      LwwMapState state = new LwwMapState(PeerChecks.KEY);
      channels.add(peer.addState(state));
      states.add(state);
      peers.add(peer);
    }
    c.awaitView(rule, peers, n);
    c.awaitReady(rule, peers);
    int size = 3 * peers.get(0).config().oversizedMessageThreshold();
    for (int i = 0; i < n; i++) {
      String value = smallValue != null ? smallValue : String.valueOf((char) ('a' + i)).repeat(size);
      channels.get(i).broadcast(states.get(i).put("from-" + i, value, i + 1));
    }
    c.check(rule, peers, () -> states.stream().allMatch(s -> s.size() == n),
        () -> "not every peer received every other peer's broadcast; entries per peer: "
            + states.stream().map(s -> s.entries().keySet().toString()).toList());
  }

  /** remove01. */
  void remove01(int peerCount) {
    int n = Math.max(3, peerCount);
    List<Peer> peers = c.cluster().start(n);
    c.awaitView(PeerRule.REMOVE01, peers, n);
    List<LwwMapState> states = new ArrayList<>();
    List<LwwMapState> probes = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    List<Channel> probeChannels = new ArrayList<>();
    for (Peer peer : peers) {
      LwwMapState state = new LwwMapState(PeerChecks.KEY);
      LwwMapState probe = new LwwMapState(PeerChecks.KEY + "-probe");
      states.add(state);
      probes.add(probe);
      channels.add(peer.addState(state));
      probeChannels.add(peer.addState(probe));
    }
    Peer remover = peers.get(1);
    remover.removeState(PeerChecks.KEY);
    if (remover.channel(PeerChecks.KEY).isPresent()) {
      c.fail(PeerRule.REMOVE01, peers, "channel(key) is still present after removeState(key)");
    }
    channels.get(0).broadcast(states.get(0).put("after-remove", "x", 1));
    probeChannels.get(0).broadcast(probes.get(0).put("probe-0", "x", 1));
    channels.get(1).broadcast(states.get(1).put("from-removed-channel", "z", 1));
    probeChannels.get(1).broadcast(probes.get(1).put("probe-1", "x", 1));
    // Controls: the same broadcasts did arrive where the State is still registered.
    c.check(PeerRule.REMOVE01, peers, () -> states.get(2).get("after-remove").isPresent()
            && probes.get(1).get("probe-0").isPresent() && probes.get(0).get("probe-1").isPresent(),
        () -> "control broadcasts did not arrive");
    if (states.get(1).get("after-remove").isPresent()) {
      c.fail(PeerRule.REMOVE01, peers, "a broadcast for the removed key was merged into the removed "
          + "State");
    }
    if (states.get(0).get("from-removed-channel").isPresent()
        || states.get(2).get("from-removed-channel").isPresent()) {
      c.fail(PeerRule.REMOVE01, peers, "the removed State's old channel still sends");
    }
  }

  /** ack01. */
  void ack01(int peerCount) throws InterruptedException {
    int n = Math.max(2, peerCount);
    List<Peer> peers = new ArrayList<>();
    List<LwwMapState> states = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Peer peer = c.cluster().startKnowing(c.cluster().clusterName(), peers.isEmpty() ? List.of()
          : List.of(peers.get(0)));
      LwwMapState state = new LwwMapState(PeerChecks.KEY);
      channels.add(peer.addState(state));
      states.add(state);
      peers.add(peer);
    }
    c.awaitView(PeerRule.ACK01, peers, n);
    c.awaitReady(PeerRule.ACK01, peers);
    for (int round = 0; round < 3; round++) {
      int from = round % n;
      String id = "acked-" + round;
      BroadcastAck ack = c.await(PeerRule.ACK01, peers, channels.get(from)
          .broadcastAcknowledged(states.get(from).put(id, "v", round + 1), c.timeout()));
      List<String> lacking = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (i != from && states.get(i).get(id).isEmpty()) {
          lacking.add(peers.get(i).name());
        }
      }
      Set<Member> others = new HashSet<>();
      peers.stream().filter(p -> p != peers.get(from)).forEach(p -> others.add(p.self()));
      if (!ack.complete() || !ack.acknowledged().equals(others)) {
        c.fail(PeerRule.ACK01, peers, "round " + round + ": acknowledged " + ack.acknowledged()
            + ", not acknowledged " + ack.notAcknowledged() + "; expected every other member "
            + others);
      }
      if (!lacking.isEmpty()) {
        c.fail(PeerRule.ACK01, peers, "round " + round + ": the stage completed but " + lacking
            + " had not merged the update yet");
      }
    }
    Peer alone = c.cluster().startKnowing(c.cluster().clusterName() + "-alone", List.of());
    Channel aloneChannel = alone.addState(new LwwMapState(PeerChecks.KEY));
    BroadcastAck aloneAck = c.await(PeerRule.ACK01, List.of(alone),
        aloneChannel.broadcastAcknowledged(new LwwMapState(PeerChecks.KEY).put("x", "y", 1), c.timeout()));
    if (!aloneAck.complete() || !aloneAck.acknowledged().isEmpty()) {
      c.fail(PeerRule.ACK01, List.of(alone), "a peer alone got " + aloneAck + ", not an empty, "
          + "complete acknowledgement");
    }
  }

  /** ack02. */
  void ack02(int peerCount) throws InterruptedException, ExecutionException {
    int n = Math.max(3, peerCount);
    List<Peer> peers = c.cluster().start(n);
    c.awaitView(PeerRule.ACK02, peers, n);
    c.awaitReady(PeerRule.ACK02, peers);
    List<LwwMapState> states = new ArrayList<>();
    for (int i = 0; i < n - 1; i++) {
      LwwMapState state = new LwwMapState(PeerChecks.KEY);
      states.add(state);
      peers.get(i).addState(state); // the last peer has no State under PeerChecks.KEY
    }
    Peer without = peers.get(n - 1);
    Duration ackTimeout = Duration.ofMillis(Math.min(2000, c.timeout().toMillis()));
    long start = System.nanoTime();
    CompletableFuture<BroadcastAck> stage = peers.get(0).channel(PeerChecks.KEY).orElseThrow()
        .broadcastAcknowledged(states.get(0).put("partial", "v", 1), ackTimeout)
        .toCompletableFuture();
    BroadcastAck ack;
    try {
      ack = stage.get(ackTimeout.plus(c.timeout()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      c.fail(PeerRule.ACK02, peers, "the stage did not complete within its timeout of "
          + ackTimeout.toMillis() + " ms plus " + c.timeout().toMillis() + " ms");
      return;
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Set<Member> applied = new HashSet<>();
    for (int i = 1; i < n - 1; i++) {
      applied.add(peers.get(i).self());
    }
    if (!ack.notAcknowledged().equals(Set.of(without.self())) || !ack.acknowledged().equals(applied)
        || ack.complete()) {
      c.fail(PeerRule.ACK02, peers, "expected acknowledged " + applied + " and not acknowledged "
          + without.self() + " (it has no State under the key); got " + ack + " after " + tookMs
          + " ms");
    }
  }
}
