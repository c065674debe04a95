package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.alertcluster.spitests.sample.LwwEntry;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MessageBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a SIGSTOPped replica does on SIGCONT, made deterministic: the others' views no longer hold
 * it (injected as failure detection would install them), its own view still holds them, and it
 * broadcasts an update at once. The others' NAKACK2 drop it as coming from a non-member
 * (JGRP000011, which JGroups logs at WARN and {@link JGroupsLogging} turns into one INFO line);
 * the merge that follows must repair it: its full-state exchange carries the dropped update.
 */
class NonMemberDropTest {

  private final String cluster = "nonmember-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> peers = new ArrayList<>();

  @AfterEach
  void close() {
    peers.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  @Test
  void anUpdateDroppedAsFromANonMemberIsRepairedByTheMergeAndNotWarnedAbout() {
    int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    List<String> known = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]);
    List<LwwMapState> states = new ArrayList<>();
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 3; i++) {
        JGroupsPeer p = JGroupsPeer.start(PeerCluster.testDefaults(cluster, ports[i])
            .nodeName("n" + i).knownPeers(known).build());
        peers.add(p);
        LwwMapState s = new LwwMapState("sil");
        p.addState(s);
        states.add(s);
      }
      ClusterAwait.awaitSameView(Duration.ofSeconds(30), List.copyOf(peers), 3);
      JGroupsPeer resumed = peers.get(2);

      // The two others exclude it; it has not noticed (it was paused) and sends straight away.
      List<NonMemberWatch> watches = List.of(watch(peers.get(0)), watch(peers.get(1)));
      Faults.injectView(List.of(peers.get(0), peers.get(1)));
      resumed.channel("sil").orElseThrow().broadcast(states.get(2).put("while-apart", "X"));

      // Counted as it arrives: JGroups' own count forgets the sender once the merge (tens of ms
      // later) makes it a member again, and a poll could miss it.
      await().atMost(Duration.ofSeconds(10)).until(() -> watches.stream()
          .mapToInt(w -> w.fromNonMembers.get()).sum() > 0);
      ClusterAwait.awaitSameView(Duration.ofSeconds(30), List.copyOf(peers), 3);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        for (int i = 0; i < 2; i++) {
          assertThat(states.get(i).get("while-apart")).as("the dropped update on n%d", i)
              .map(LwwEntry::value).contains("X");
        }
      });
      assertThat(log.lines("WARN", "non-member")).as("JGroups' WARN per drop").isEmpty();
      assertThat(log.lines("WARN", "still dropping")).isEmpty();
    }
  }

  /**
   * Counts the reliable multicasts (NAKACK2's) that reach a member from a sender outside its view:
   * what NAKACK2 above it drops as from a non-member. Sits right above the transport.
   */
  static final class NonMemberWatch extends Protocol {
    final AtomicInteger fromNonMembers = new AtomicInteger();
    private short nakackId;
    private JChannel channel;

    @Override
    public Object up(Message msg) {
      count(msg, msg.getSrc(), msg.getDest());
      return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
      for (Message msg : batch) { // a batch's messages leave sender and destination to it
        count(msg, batch.sender(), batch.dest());
      }
      up_prot.up(batch);
    }

    private void count(Message msg, Address src, Address dest) {
      View view = channel.getView();
      if (dest == null && msg.getHeader(nakackId) != null && view != null && src != null
          && !view.containsMember(src)) {
        fromNonMembers.incrementAndGet();
      }
    }
  }

  private static NonMemberWatch watch(JGroupsPeer p) {
    ProtocolStack stack = p.channelForTesting().getProtocolStack();
    NonMemberWatch w = new NonMemberWatch();
    w.nakackId = stack.findProtocol(NAKACK2.class).getId();
    w.channel = p.channelForTesting();
    try {
      stack.insertProtocol(w, ProtocolStack.Position.ABOVE, TP.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return w;
  }
}
