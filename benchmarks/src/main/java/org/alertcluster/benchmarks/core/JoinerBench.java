package org.alertcluster.benchmarks.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.benchmarks.report.Report;
import org.alertcluster.examples.silence.Silences;
import org.alertcluster.impl.TestSeam;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;

/**
 * A joiner in sync with a member holding N silences: from creating the joiner until its State holds
 * all N. Baseline: a raw JGroups channel that connects, and to which the member unicasts the same
 * marshalled State when it sees it in a view; the joiner merges it with the same code.
 */
final class JoinerBench {

  private JoinerBench() {}

  static void run(Report report, int entries) throws Exception {
    Silences source = SilenceFixtures.filled(entries);
    double raw = raw(source, entries);
    double ac = alertcluster(source, entries);
    String fig = "joiner in sync with " + String.format("%,d", entries) + " silences";
    if (entries >= 100_000) {
      report.absolute("core", fig, "ms", ac, raw, "raw JGroups", true, 2000, "raw: connect + one unicast of the same bytes");
    } else {
      report.plain("core", fig, "ms", ac, raw, "raw JGroups", true, "raw: connect + one unicast of the same bytes");
    }
  }

  private static double alertcluster(Silences source, int entries) throws Exception {
    String cluster = Groups.clusterName("join");
    try (Peer a = Peers.create(Groups.config(cluster).build())) {
      a.addState(source);
      a.awaitReady(Duration.ofSeconds(30));
      Silences mine = SilenceFixtures.empty();
      long t0 = System.nanoTime();
      try (Peer b = Peers.create(Groups.config(cluster).knownPeers(List.of(a.self().address())).build())) {
        b.addState(mine);
        return awaitSize(mine, entries, t0);
      }
    }
  }

  private static double raw(Silences source, int entries) throws Exception {
    ClusterConfig cfg = Groups.config(Groups.clusterName("joinraw")).build();
    InetSocketAddress first = TestSeam.freeEndpoint(cfg);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (JChannel a = TestSeam.rawChannel(cfg, first, Set.of(first))) {
      a.setReceiver(new Receiver() {
        private View last;

        @Override
        public void viewAccepted(View view) {
          View prev = last;
          last = view;
          if (prev == null) {
            return;
          }
          for (Address m : View.newMembers(prev, view)) {
            sender.execute(() -> {
              try {
                a.send(new BytesMessage(m, source.marshalBinary()));
              } catch (Exception e) {
                e.printStackTrace();
              }
            });
          }
        }
      });
      a.connect(cfg.clusterName());
      Silences mine = SilenceFixtures.empty();
      long t0 = System.nanoTime();
      try (JChannel b = TestSeam.rawChannel(cfg, TestSeam.freeEndpoint(cfg), Set.of(first))) {
        b.setReceiver(new Receiver() {
          @Override
          public void receive(Message msg) {
            mine.merge(java.util.Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength()));
          }
        });
        b.connect(cfg.clusterName());
        return awaitSize(mine, entries, t0);
      }
    } finally {
      sender.shutdownNow();
    }
  }

  private static double awaitSize(Silences s, int entries, long t0) {
    long deadline = t0 + Duration.ofSeconds(60).toNanos();
    while (s.size() < entries) {
      if (System.nanoTime() > deadline) {
        return Double.NaN;
      }
      LockSupport.parkNanos(1_000_000);
    }
    return (System.nanoTime() - t0) / 1e6;
  }
}
