package org.alertcluster.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.stack.ProtocolStack;

/**
 * Deterministic fault injection the way JGroups' own tests do it: a {@link DISCARD} protocol right
 * above the transport drops what a cut link would drop, and views are injected into GMS so that a
 * split takes effect at once instead of after failure detection.
 */
public final class Faults {

  private Faults() {}

  /**
   * Starts {@code n} peers for a fault test, each knowing the ones before it and holding an
   * {@link LwwMapState} under {@code key}, and waits until all share one view. Anti-entropy is
   * pushed out to 10 minutes, so that only a merge's exchange repairs what a fault dropped, and
   * failure detection to 20 s, so that it does not change injected views while a test runs.
   *
   * @param peers where each started peer is added at once (close them, also when this throws)
   * @param states where each peer's state is added
   */
  public static void start(String cluster, int n, String key, List<JGroupsPeer> peers,
      List<LwwMapState> states) {
    for (int i = 0; i < n; i++) {
      ClusterConfig.Builder b = PeerCluster.testDefaults(cluster, FreePorts.next())
          .nodeName("n" + i)
          .pushPullInterval(Duration.ofMinutes(10))
          .failureDetectionTimeout(Duration.ofSeconds(20));
      if (!peers.isEmpty()) {
        b.knownPeers(peers.stream().map(p -> p.self().address()).toList());
      }
      JGroupsPeer p = JGroupsPeer.start(b.build());
      peers.add(p);
      LwwMapState s = new LwwMapState(key);
      p.addState(s);
      states.add(s);
    }
    ClusterAwait.awaitSameView(Duration.ofSeconds(30), peers, n);
  }

  /** The DISCARD above the transport of {@code peer}, inserted on first use. */
  public static DISCARD discard(JGroupsPeer peer) {
    ProtocolStack stack = peer.channelForTesting().getProtocolStack();
    DISCARD d = stack.findProtocol(DISCARD.class);
    if (d != null) {
      return d;
    }
    try {
      d = new DISCARD();
      d.setAddress(peer.channelForTesting().getAddress());
      stack.insertProtocol(d, ProtocolStack.Position.ABOVE, TP.class);
      d.init();
      d.start();
      return d;
    } catch (Exception e) {
      throw new IllegalStateException("could not insert DISCARD into " + peer.name(), e);
    }
  }

  /** The JGroups address of {@code peer}. */
  public static Address address(JGroupsPeer peer) {
    return peer.channelForTesting().getAddress();
  }

  /**
   * Cuts every link between the groups: each peer drops every message (also discovery and
   * heartbeats) from the members of the other groups. The views are left as they are; failure
   * detection splits them in its own time, or {@link #injectViews} does it at once.
   *
   * @param groups the sides, disjoint
   */
  public static void cut(List<? extends List<JGroupsPeer>> groups) {
    for (List<JGroupsPeer> group : groups) {
      for (JGroupsPeer p : group) {
        DISCARD d = discard(p);
        for (List<JGroupsPeer> other : groups) {
          if (other != group) {
            other.forEach(o -> d.addIgnoreMember(address(o)));
          }
        }
      }
    }
  }

  /**
   * Installs in every member of {@code group} a view of just that group, with a view id above
   * every view id it had: what GMS would install after failure detection excluded the others.
   *
   * @param group the members, the first one becomes coordinator
   */
  public static void injectView(List<JGroupsPeer> group) {
    List<Address> members = new ArrayList<>();
    long id = 0;
    for (JGroupsPeer p : group) {
      members.add(address(p));
      View v = p.channelForTesting().getView();
      id = Math.max(id, v == null ? 0 : v.getViewId().getId());
    }
    View view = new View(new ViewId(members.get(0), id + 1 + group.size()), members);
    for (JGroupsPeer p : group) {
      GMS gms = p.channelForTesting().getProtocolStack().findProtocol(GMS.class);
      gms.installView(view);
    }
  }

  /** {@link #cut} and then {@link #injectView} for every group. */
  public static void partition(List<? extends List<JGroupsPeer>> groups) {
    cut(groups);
    groups.forEach(Faults::injectView);
  }

  /**
   * Restores every link of the given peers: no member ignored, no random loss, nothing dropped.
   *
   * @param peers the peers
   */
  public static void heal(Collection<JGroupsPeer> peers) {
    for (JGroupsPeer p : peers) {
      JChannel ch = p.channelForTesting();
      DISCARD d = ch == null ? null : ch.getProtocolStack().findProtocol(DISCARD.class);
      if (d != null) {
        d.resetIgnoredMembers();
        d.discardAll(false);
        d.setUpDiscardRate(0);
        d.setDownDiscardRate(0);
      }
    }
  }

  /**
   * Drops a fraction of the messages each peer receives and sends (random loss).
   *
   * @param peers the peers
   * @param rate 0 to 1
   */
  public static void loss(Collection<JGroupsPeer> peers, double rate) {
    for (JGroupsPeer p : peers) {
      DISCARD d = discard(p);
      d.setUpDiscardRate(rate);
      d.setDownDiscardRate(rate);
    }
  }
}
