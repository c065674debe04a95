package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.spitests.sample.LwwEntry;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expert path: a JGroups XML stack instead of the built-in one. */
class StackConfigTest {

  private final PeerCluster cluster = new PeerCluster(Peers::create);

  @AfterEach
  void close() {
    cluster.close();
  }

  private static String stack(int port, int otherPort) {
    return """
        <config xmlns="urn:org:jgroups">
          <TCP bind_addr="127.0.0.1" bind_port="%d" port_range="0" tcp_nodelay="true" diag.enabled="false"/>
          <TCPPING initial_hosts="127.0.0.1[%d],127.0.0.1[%d]" port_range="0" return_entire_cache="true"/>
          <MERGE3 min_interval="500" max_interval="2000"/>
          <FD_SOCK2/>
          <FD_ALL3 timeout="3000" interval="500"/>
          <VERIFY_SUSPECT2 timeout="500"/>
          <pbcast.NAKACK2 use_mcast_xmit="false"/>
          <UNICAST3/>
          <pbcast.STABLE/>
          <pbcast.GMS join_timeout="500" print_local_addr="false"/>
          <UFC/>
          <MFC/>
          <FRAG4/>
        </config>
        """.formatted(port, port, otherPort);
  }

  @Test
  void peersOnAnXmlStackJoinAndReplicate(@TempDir Path dir) throws Exception {
    int p1 = FreePorts.next();
    int p2 = FreePorts.next();
    Path s1 = Files.writeString(dir.resolve("one.xml"), stack(p1, p2));
    Path s2 = Files.writeString(dir.resolve("two.xml"), stack(p2, p1));
    Peer a = cluster.start(cfg -> cfg.stackConfig(s1.toString()));
    Peer b = cluster.start(cfg -> cfg.stackConfig(s2.toString()));
    await().atMost(Duration.ofSeconds(15)).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);
    assertThat(a.self().address()).isEqualTo("127.0.0.1:" + p1);
    LwwMapState sa = new LwwMapState("sil");
    LwwMapState sb = new LwwMapState("sil");
    a.addState(sa);
    b.addState(sb);
    a.channel("sil").orElseThrow().broadcast(sa.put("k", "v"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sb.get("k").map(LwwEntry::value).filter("v"::equals).isPresent());
  }

  @Test
  void missingStackFileIsAClearError() {
    assertThatThrownBy(() -> Peers.create(cluster.config().stackConfig("/no/such/stack.xml").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ClusterConfig.stackConfig '/no/such/stack.xml'");
  }
}
