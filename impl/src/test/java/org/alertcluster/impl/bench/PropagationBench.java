package org.alertcluster.impl.bench;

import static org.alertcluster.impl.bench.PropagationLoop.MESSAGES;
import static org.alertcluster.impl.bench.PropagationLoop.SIZE;
import static org.alertcluster.impl.bench.PropagationLoop.pct;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.stack.StackBuilder;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints (does not assert) broadcast propagation latency for 3 peers in one JVM at a modest rate,
 * next to a baseline of raw JGroups channels on the same stack in the same run, and join-to-ready
 * times. Skipped unless {@code -Dbench=true}:
 * {@code mvn -o -pl impl -am verify -Dtest=PropagationBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PropagationBench {

  @Test
  void printPropagationAndJoinToReady() throws Exception {
    // Baseline: raw JGroups channels, same stack, same payload, same pacing.
    List<JChannel> raw = new ArrayList<>();
    List<List<Long>> rawLat = new ArrayList<>();
    ClusterConfig rc = PropagationLoop.config("bench-raw").build();
    InetSocketAddress first = null;
    try {
      for (int i = 0; i < 3; i++) {
        StackBuilder.Endpoints ep = StackBuilder.pickFreePort(StackBuilder.endpoints(rc));
        if (first == null) {
          first = new InetSocketAddress(ep.bindAddress(), ep.bindPort());
        }
        JChannel ch = StackBuilder.create(rc, ep, Set.of(first));
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        ch.setReceiver(new Receiver() {
          @Override
          public void receive(Message msg) {
            lat.add(PropagationLoop.latencyMicros(msg.getArray(), msg.getOffset()));
          }
        });
        ch.connect("bench-raw");
        raw.add(ch);
        rawLat.add(lat);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> raw.get(2).getView().size() == 3);
      JChannel sender = raw.get(0);
      PropagationLoop.sendPaced(p -> sender.send(new BytesMessage(null, p).setFlag(Message.Flag.OOB)
          .setFlag(Message.TransientFlag.DONT_LOOPBACK)));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> rawLat.get(1).size() == MESSAGES && rawLat.get(2).size() == MESSAGES);
    } finally {
      raw.forEach(JChannel::close);
    }
    List<Long> rawAll = new ArrayList<>(rawLat.get(1));
    rawAll.addAll(rawLat.get(2));

    List<Long> acAll;
    List<Long> joinToReadyMillis;
    try (PropagationLoop.Cluster ac = PropagationLoop.start("bench-ac", 3, null)) {
      acAll = ac.latencies();
      joinToReadyMillis = ac.joinToReadyMillis();
    }

    System.out.printf("%nPropagation, N=3, %d x %d-byte broadcasts at 200/s, both receivers:%n", MESSAGES, SIZE);
    System.out.printf("  raw JGroups (same stack)  p50 %6d us  p99 %6d us%n", pct(rawAll, 50), pct(rawAll, 99));
    System.out.printf("  alertcluster Channel      p50 %6d us  p99 %6d us  (ratio p50 %.2f, p99 %.2f)%n",
        pct(acAll, 50), pct(acAll, 99), (double) pct(acAll, 50) / Math.max(1, pct(rawAll, 50)),
        (double) pct(acAll, 99) / Math.max(1, pct(rawAll, 99)));
    System.out.printf("Join-to-ready (create .. awaitReady; joinTimeout 500 ms, 2 polls x 100 ms): %s ms%n",
        joinToReadyMillis);
  }
}
