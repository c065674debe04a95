package org.alertcluster.benchmarks.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.api.State;
import org.alertcluster.impl.TestSeam;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;

/** Builds the two kinds of {@link BenchGroup}. */
final class Groups {

  private Groups() {}

  /**
   * The configuration of both kinds: the api's loopback preset (127.0.0.1, quick join and settle),
   * no anti-entropy during a run, and the default exchange timeout (the joiner benchmark's full
   * state is large; the preset's 3 s is meant for test-sized states).
   */
  static ClusterConfig.Builder config(String cluster) {
    return ClusterConfig.loopback().clusterName(cluster).pushPullInterval(Duration.ofMinutes(10))
        .tcpTimeout(ClusterConfig.defaults().tcpTimeout());
  }

  static String clusterName(String what) {
    return "bench-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits (bounded) until every member sees {@code n} members. */
  static void awaitFormed(BenchGroup g, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean all = true;
      for (int i = 0; i < g.size(); i++) {
        all &= g.viewSize(i) == n;
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(g.kind() + ": the group did not form " + n + " members within " + timeout);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  /** N raw JGroups channels with the stack alertcluster's peer runs on (the same protocols and settings). */
  static BenchGroup raw(int n, BenchGroup.Recorder recorder) throws Exception {
    ClusterConfig cfg = config(clusterName("raw")).build();
    List<JChannel> channels = new ArrayList<>();
    InetSocketAddress first = null;
    try {
      for (int i = 0; i < n; i++) {
        InetSocketAddress at = TestSeam.freeEndpoint(cfg);
        if (first == null) {
          first = at;
        }
        JChannel ch = TestSeam.rawChannel(cfg, at, Set.of(first));
        int member = i;
        ch.setReceiver(new Receiver() {
          @Override
          public void receive(Message msg) {
            recorder.received(member, msg.getArray(), msg.getOffset(), msg.getLength());
          }
        });
        ch.connect(cfg.clusterName());
        channels.add(ch);
      }
    } catch (Exception e) {
      channels.forEach(JChannel::close);
      throw e;
    }
    BenchGroup g = new BenchGroup() {
      @Override
      public String kind() {
        return "raw JGroups";
      }

      @Override
      public int size() {
        return n;
      }

      @Override
      public void broadcast(byte[] payload) throws Exception {
        // The flags alertcluster's peer uses for updates.
        channels.get(0).send(new BytesMessage(null, payload).setFlag(Message.Flag.OOB)
            .setFlag(Message.TransientFlag.DONT_LOOPBACK));
      }

      @Override
      public int viewSize(int i) {
        JChannel ch = channels.get(i);
        return ch.isConnected() && ch.getView() != null ? ch.getView().size() : 0;
      }

      @Override
      public void closeMember(int i) {
        channels.get(i).close();
      }

      @Override
      public long dropped() {
        return 0;
      }

      @Override
      public void close() {
        for (int i = channels.size() - 1; i >= 0; i--) {
          channels.get(i).close();
        }
      }
    };
    awaitFormed(g, n, Duration.ofSeconds(30));
    return g;
  }

  /** N alertcluster peers, each with one State that hands merged bytes to the recorder. */
  static BenchGroup peers(int n, BenchGroup.Recorder recorder) throws Exception {
    String cluster = clusterName("ac");
    List<Peer> peers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ClusterConfig.Builder b = config(cluster);
        if (!peers.isEmpty()) {
          b.knownPeers(List.of(peers.get(0).self().address()));
        }
        Peer p = Peers.create(b.build());
        peers.add(p);
        int member = i;
        p.addState(new State() {
          @Override
          public String key() {
            return "bench";
          }

          @Override
          public byte[] marshalBinary() {
            return new byte[0];
          }

          @Override
          public void merge(byte[] data) {
            if (data.length > 0) {
              recorder.received(member, data, 0, data.length);
            }
          }
        });
      }
      for (Peer p : peers) {
        if (!p.awaitReady(Duration.ofSeconds(30))) {
          throw new IllegalStateException("alertcluster peer " + p.name() + " not ready in 30 s");
        }
      }
    } catch (Exception e) {
      peers.forEach(Peer::close);
      throw e;
    }
    Channel ch = peers.get(0).channel("bench").orElseThrow();
    BenchGroup g = new BenchGroup() {
      @Override
      public String kind() {
        return "alertcluster";
      }

      @Override
      public int size() {
        return n;
      }

      @Override
      public void broadcast(byte[] payload) {
        ch.broadcast(payload);
      }

      @Override
      public int viewSize(int i) {
        return peers.get(i).clusterSize();
      }

      @Override
      public void closeMember(int i) {
        peers.get(i).close();
      }

      @Override
      public long dropped() {
        return peers.get(0).metrics().get(ClusterMetric.MESSAGES_PRUNED)
            + peers.get(0).metrics().get(ClusterMetric.OVERSIZED_DROPPED);
      }

      @Override
      public void close() {
        for (int i = peers.size() - 1; i >= 0; i--) {
          peers.get(i).close();
        }
      }
    };
    awaitFormed(g, n, Duration.ofSeconds(30));
    return g;
  }
}
