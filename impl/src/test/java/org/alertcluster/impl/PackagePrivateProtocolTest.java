package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.discovery.Discovery;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.annotations.MBean;
import org.jgroups.annotations.ManagedAttribute;
import org.jgroups.annotations.ManagedOperation;
import org.jgroups.annotations.Property;
import org.jgroups.jmx.JmxConfigurator;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.stack.Protocol;
import org.jgroups.stack.ProtocolStack;
import org.junit.jupiter.api.Test;

/**
 * JGroups runs protocol classes that are not public, as long as they are created in code (impl
 * never names its protocols in an XML stack, where JGroups would instantiate them by name): the
 * stack initialises, introspects (properties, statistics, JMX) and runs them like its own. This is
 * what lets impl's own protocols ({@code KnownPeersPing}, {@code MergeGuard}, {@code
 * BoundedFdSock2}, {@code CountingMFC}) be package-private behind their package's facade: only the
 * facade that creates them must be public. Real channels on the peer's own stack.
 */
class PackagePrivateProtocolTest {

  /** A package-private protocol with what JGroups introspects reflectively: properties, stats. */
  @MBean(description = "counts messages, for PackagePrivateProtocolTest")
  static final class Counting extends Protocol {
    @Property(description = "a property JGroups sets and reads by reflection")
    long threshold = 7;

    @ManagedAttribute(description = "messages seen going up")
    final LongAdder up = new LongAdder();

    Counting() {}

    /** What impl's protocols offer instead of managed methods: a plain method impl reads. */
    long seen() {
      return up.sum();
    }

    @Override
    public Object up(Message msg) {
      up.increment();
      return up_prot.up(msg);
    }
  }

  @Test
  void aChannelRunsPackagePrivateProtocolsAndJGroupsIntrospectsThem() throws Exception {
    assertThat(Modifier.isPublic(Counting.class.getModifiers())).isFalse();
    ClusterConfig config = ClusterConfig.loopback().clusterName("pp-" + UUID.randomUUID()).build();
    InetSocketAddress first = TestSeam.freeEndpoint(config);
    List<String> received = new CopyOnWriteArrayList<>();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String domain = "pp" + UUID.randomUUID().toString().replace("-", "");
    try (JChannel a = TestSeam.rawChannel(config, first, Set.of(first));
         JChannel b = TestSeam.rawChannel(config, TestSeam.freeEndpoint(config), Set.of(first))) {
      Counting counting = new Counting();
      b.getProtocolStack().insertProtocol(counting, ProtocolStack.Position.ABOVE, TP.class);
      // Discovery's join ping, created through the facade, replaces the stack's: the same class
      // once the stack calls Discovery.joinPing.
      TCPPING ping = Discovery.joinPing(Duration.ofMillis(200));
      ping.setPortRange(0);
      ping.setInitialHosts(Set.of(first));
      ping.returnEntireCache(true);
      b.getProtocolStack().replaceProtocol(b.getProtocolStack().findProtocol(TCPPING.class), ping);
      b.setReceiver(new Receiver() {
        @Override
        public void receive(Message msg) {
          received.add(new String(msg.getArray(), msg.getOffset(), msg.getLength()));
        }
      });
      a.connect(config.clusterName());
      b.connect(config.clusterName());
      await().atMost(Duration.ofSeconds(20)).until(() -> a.getView().size() == 2
          && b.getView().size() == 2);
      a.send(new BytesMessage(null, "hello".getBytes()));
      await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("hello"));
      assertThat(counting.seen()).isPositive();

      // Statistics: JGroups reads @ManagedAttribute fields and methods reflectively.
      Map<String, Map<String, Object>> stats = b.dumpStats();
      assertThat(stats).containsKey("Counting");
      assertThat(stats.get("Counting")).containsKeys("up", "threshold");
      assertThat(stats.get("Counting").get("threshold")).hasToString("7");

      // JMX: JGroups' ResourceDMBean introspects every protocol of the channel. Fields (made
      // accessible) and the methods inherited from JGroups' public classes work whatever the
      // protocol class's visibility; only a @ManagedAttribute *method* declared in the non-public
      // class itself cannot be read (JGroups' MethodAccessor does not make it accessible): the rule
      // of implsOwnProtocolsDeclareNoManagedMethods below.
      JmxConfigurator.registerChannel(b, server, domain, config.clusterName(), true);
      try {
        Set<ObjectName> names = server.queryNames(new ObjectName(domain + ":*"), null);
        ObjectName mine = protocol(names, "Counting");
        assertThat(Long.parseLong(String.valueOf(server.getAttribute(mine, "up")))).isPositive();
        assertThat(server.getAttribute(mine, "threshold")).hasToString("7");
        server.setAttribute(mine, new Attribute("threshold", 9L));
        assertThat(counting.threshold).isEqualTo(9);
        assertThat(server.getAttribute(mine, "level")).hasToString("INFO"); // Protocol's method
        ObjectName join = protocol(names, "KnownPeersPing");
        assertThat(server.getAttribute(join, "is_coord")).isEqualTo(false); // TCPPING's method
        assertThat(String.valueOf(server.getAttribute(join, "initial_hosts")))
            .contains(String.valueOf(first.getPort()));
      } finally {
        JmxConfigurator.unregisterChannel(b, server, domain, config.clusterName());
      }
    }
  }

  /**
   * The one thing a non-public protocol class cannot offer JGroups: a managed method of its own (see
   * above). impl's protocols keep their counters in plain methods that impl reads itself.
   */
  @Test
  void implsOwnProtocolsDeclareNoManagedMethods() throws Exception {
    ClusterConfig config = ClusterConfig.loopback().clusterName("pp-" + UUID.randomUUID()).build();
    InetSocketAddress at = TestSeam.freeEndpoint(config);
    List<String> offending = new CopyOnWriteArrayList<>();
    int own = 0;
    try (JChannel ch = TestSeam.rawChannel(config, at, Set.of(at))) {
      for (Protocol p : ch.getProtocolStack().getProtocols()) {
        if (!p.getClass().getName().startsWith("org.alertcluster.")) {
          continue;
        }
        own++;
        for (Method m : p.getClass().getDeclaredMethods()) {
          if (m.isAnnotationPresent(ManagedAttribute.class)
              || m.isAnnotationPresent(ManagedOperation.class)) {
            offending.add(p.getClass().getSimpleName() + "." + m.getName());
          }
        }
      }
    }
    assertThat(own).as("impl's own protocols in the built-in stack").isGreaterThanOrEqualTo(4);
    assertThat(offending)
        .as("managed methods declared in impl's protocol classes: JGroups' JMX cannot call them once"
            + " the class is package-private; expose the value as a @ManagedAttribute field or read"
            + " it from impl")
        .isEmpty();
  }

  private static ObjectName protocol(Set<ObjectName> names, String protocol) {
    return names.stream().filter(n -> protocol.equals(n.getKeyProperty("protocol"))).findFirst()
        .orElseThrow(() -> new AssertionError("no MBean for " + protocol + " among " + names));
  }
}
