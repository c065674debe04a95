package com.example.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.Channel;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.Test;

class KvClusterTest {

  @Test
  void threePeersConvergeAndALeaveIsNotAFailure() {
    try (PeerCluster cluster = new PeerCluster(Peers::create)) {
      List<Peer> peers = cluster.start(3);
      ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers, 3);
      List<KvState> states = new ArrayList<>();
      List<Channel> channels = new ArrayList<>();
      for (Peer p : peers) {
        KvState s = new KvState();
        states.add(s);
        channels.add(p.addState(s));
      }
      for (int i = 0; i < 3; i++) {
        channels.get(i).broadcast(states.get(i).put("k" + i, "from-" + i));
        channels.get(i).broadcast(states.get(i).put("shared", "v" + i));
      }
      ClusterAwait.awaitConverged(Duration.ofSeconds(20), states, ClusterAwait::sameSnapshots);
      assertThat(states.get(0).size()).isEqualTo(4);

      peers.get(2).leave(Duration.ofSeconds(5));
      ClusterAwait.awaitSameView(Duration.ofSeconds(20), peers.subList(0, 2), 2);
      assertThat(peers.get(0).failedMembers()).isEmpty();
    }
  }
}
