package org.alertcluster.impl.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.Test;

/** The per-peer MBean as jconsole sees it: through the platform MBean server, by name. */
class PeerMBeanTest {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Test
  void eachPeerHasAnMBeanWithMembersStatusAndEveryDeclaredMetric() throws Exception {
    try (PeerCluster cluster = new PeerCluster(Peers::create)) {
      List<Peer> peers = cluster.start(2);
      Peer a = peers.get(0);
      await().atMost(Duration.ofSeconds(20)).until(() -> a.clusterSize() == 2);
      a.addState(new LwwMapState("jmx"));

      ObjectName name = new ObjectName("org.alertcluster:type=Peer,cluster=" + cluster.clusterName()
          + ",name=" + a.name());
      assertThat(server.queryNames(new ObjectName("org.alertcluster:type=Peer,cluster="
          + cluster.clusterName() + ",*"), null)).hasSize(2).contains(name);

      await().atMost(Duration.ofSeconds(20)).until(() -> "READY".equals(server.getAttribute(name, "Status")));
      assertThat((String[]) server.getAttribute(name, "MemberList")).hasSize(2)
          .anySatisfy(m -> assertThat(m).startsWith(a.name() + " 127.0.0.1:"));
      assertThat(server.getAttribute(name, "Cluster")).isEqualTo(cluster.clusterName());
      assertThat(server.getAttribute(name, "Position")).isEqualTo((long) a.position());
      assertThat((String[]) server.getAttribute(name, "States")).containsExactly("jmx "
          + a.stateSizes().get("jmx"));
      assertThat((long) server.getAttribute(name, "PeersJoined")).isGreaterThanOrEqualTo(2);
      assertThat((long) server.getAttribute(name, "Members")).isEqualTo(2);

      MBeanAttributeInfo[] infos = server.getMBeanInfo(name).getAttributes();
      for (ClusterMetric m : ClusterMetric.values()) {
        assertThat(infos).as("attribute for %s", m)
            .anySatisfy(i -> {
              assertThat(i.getName()).isEqualTo(PeerMBean.attributeName(m));
              assertThat(i.getDescription()).startsWith(m.prometheusName());
            });
        assertThat(server.getAttribute(name, PeerMBean.attributeName(m))).as(m.name())
            .isInstanceOf(Long.class).matches(v -> (Long) v >= 0);
      }
      assertThat(Arrays.stream(infos).map(MBeanAttributeInfo::getName).distinct().count())
          .as("attribute names are unique").isEqualTo(infos.length);

      a.leave(Duration.ofSeconds(2));
      assertThat(server.isRegistered(name)).as("unregistered on leave").isFalse();
    }
  }

  /**
   * A peer started before any MBean server exists registers nothing (no platform MBean server is
   * created for it) and registers within a poll once one exists; closing the handle unregisters it.
   */
  @Test
  void aPeerStartedBeforeAnyMBeanServerRegistersOnceOneExists() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (PeerCluster cluster = new PeerCluster(Peers::create)) {
      Peer a = cluster.start(1).get(0);
      ObjectName name = PeerMBean.objectName(cluster.clusterName(), a.name() + "-later");
      Peer renamed = renamed(a, a.name() + "-later");
      AtomicBoolean jmxInUse = new AtomicBoolean(false);
      Runnable handle = PeerMBean.register(renamed, scheduler, jmxInUse::get);
      // Through two polls without a server, nothing is registered.
      await().during(Duration.ofMillis(2 * PeerMBean.WAIT_FOR_SERVER_MS + 100)).atMost(Duration.ofSeconds(5))
          .until(() -> !server.isRegistered(name));

      jmxInUse.set(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> server.isRegistered(name));
      assertThat(server.getAttribute(name, "Cluster")).isEqualTo(cluster.clusterName());

      handle.run();
      assertThat(server.isRegistered(name)).as("unregistered by the handle").isFalse();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** {@code peer} under another JMX name, so that its own registration at start does not collide. */
  private static Peer renamed(Peer peer, String name) {
    return (Peer) java.lang.reflect.Proxy.newProxyInstance(Peer.class.getClassLoader(),
        new Class<?>[] {Peer.class}, (proxy, method, args) -> method.getName().equals("name")
            && (args == null || args.length == 0) ? name : method.invoke(peer, args));
  }

  @Test
  void metricAttributesFollowJmxCapitalisation() {
    assertThat(PeerMBean.attributeName(ClusterMetric.UPDATE_BYTES_SENT)).isEqualTo("UpdateBytesSent");
    assertThat(PeerMBean.attributeName(ClusterMetric.MEMBERS)).isEqualTo("Members");
  }

  @Test
  void namesWithJmxSpecialCharactersAreQuoted() throws Exception {
    ObjectName n = PeerMBean.objectName("prod,eu", "am=0");
    assertThat(n.getKeyProperty("cluster")).isEqualTo("\"prod,eu\"");
    assertThat(ObjectName.unquote(n.getKeyProperty("name"))).isEqualTo("am=0");
    assertThat(PeerMBean.objectName("am", "am-0").toString())
        .isEqualTo("org.alertcluster:type=Peer,cluster=am,name=am-0");
  }
}
