package org.alertcluster.osgitests.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.osgitests.probe.ProbeBundle;
import org.alertcluster.osgitests.probe.ProbeState;
import org.alertcluster.spitests.support.FreePorts;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a running Karaf peer: the {@code alertcluster:*} shell commands over
 * Karaf's ssh port (the way {@code ssh -p 8101 karaf@host alertcluster:members} runs them; an
 * Apache MINA sshd client here, since the {@code bin/client} script prints nothing without a
 * terminal) and the per-peer MBean over Karaf's own JMX connector (what jconsole connects to).
 *
 * <p>Karaf boots with ssh and management on ports picked here, bound to 127.0.0.1, and a user
 * {@code karaf}/{@code karaf} in the admin group, as in Karaf's commented-out default.
 */
class KarafOperationsTest {

  static final Duration BOOT = Duration.ofSeconds(120);
  static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir Path tmp;

  @Test
  void shellCommandsAndJmxShowTheKarafPeer() throws Exception {
    String version = KarafInstance.required("alertcluster.version");
    String cluster = "ops-" + System.nanoTime();
    int karafPort = FreePorts.next();
    int jvmPort = FreePorts.next();
    int sshPort = FreePorts.next();
    int rmiRegistryPort = FreePorts.next();
    int rmiServerPort = FreePorts.next();

    try (KarafInstance karaf = KarafInstance.copyDistribution(tmp.resolve("karaf"))) {
      KarafFeatureTest.prepare(karaf, version, tmp, ProbeBundle.of("alertcluster.ops.probe", "ops-probe")
          .cluster(cluster).entries("one,two,three"), ", ssh, management");
      karaf.writeConfig("org.alertcluster.peer-default.cfg",
          KarafFeatureTest.karafPeer(cluster, "karaf-node", karafPort, jvmPort));
      karaf.setProperty("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
      karaf.setProperty("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
      karaf.setProperty("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(rmiRegistryPort));
      karaf.setProperty("org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1");
      karaf.setProperty("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(rmiServerPort));
      karaf.setProperty("org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1");
      Files.writeString(karaf.etc("users.properties"), "karaf = karaf,_g_:admingroup\n"
          + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardCharsets.UTF_8);

      try (Peer jvm = Peers.create(KarafFeatureTest.jvmConfig(cluster, jvmPort, karafPort))) {
        jvm.addState(new ProbeState("ops-probe"));
        karaf.start();
        try {
          await().atMost(BOOT).pollInterval(Duration.ofMillis(200)).until(() ->
              KarafFeatureTest.memberNames(jvm).contains("karaf-node") || !karaf.isAlive());
          assertThat(karaf.isAlive()).as("Karaf process alive").isTrue();

          SshClient client = SshClient.setUpDefaultClient();
          client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
          client.start();
          try {
            // The ssh server and the shell bundle come up after the peer; wait for the command.
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> ssh(client, sshPort, "alertcluster:members").contains("karaf-node"));
            await().atMost(WAIT).until(() -> ssh(client, sshPort, "alertcluster:status")
                .contains("Settle state | ready"));

            // Membership lines carry the peer's own name.
            assertThat(karaf.logText()).contains("| Peer karaf-node: Member jvm-node@");
            String members = ssh(client, sshPort, "alertcluster:members " + cluster);
            System.out.println("karaf@root()> alertcluster:members " + cluster + "\n" + members);
            assertThat(members).contains("Peer karaf-node in cluster " + cluster + " at 127.0.0.1:"
                    + karafPort + ": ready")
                .containsPattern("0 +\\| jvm-node +\\| 127\\.0\\.0\\.1:" + jvmPort + " +\\| alive")
                .containsPattern("1 +\\| karaf-node +\\| 127\\.0\\.0\\.1:" + karafPort
                    + " +\\| alive \\(this peer\\)");

            String status = ssh(client, sshPort, "alertcluster:status");
            System.out.println("karaf@root()> alertcluster:status\n" + status);
            assertThat(status).contains("Members      | 2").contains("Position     | 1")
                .contains("Failed peers | 0");

            String states = ssh(client, sshPort, "alertcluster:states");
            System.out.println("karaf@root()> alertcluster:states\n" + states);
            assertThat(states).containsPattern("ops-probe \\| \\d+");

            String metrics = ssh(client, sshPort, "alertcluster:metrics");
            System.out.println("karaf@root()> alertcluster:metrics\n" + metrics);
            for (ClusterMetric m : ClusterMetric.values()) {
              assertThat(metrics).contains(m.prometheusName());
            }
            assertThat(metrics).containsPattern("alertmanager_cluster_members +\\| 2");

            assertThat(ssh(client, sshPort, "alertcluster:members no-such-cluster"))
                .contains("No alertcluster peer of cluster 'no-such-cluster' in this container;"
                    + " clusters here: " + cluster);
            // Tab completes the cluster name in an interactive console (jline over an ssh PTY).
            String typed = interactive(client, sshPort, "alertcluster:members \t", cluster);
            assertThat(typed).as("console after Tab").contains("alertcluster:members " + cluster);

            // JMX, through Karaf's RMI connector with the same JAAS user.
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiServerPort
                + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root");
            try (JMXConnector c = JMXConnectorFactory.connect(url,
                Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"}))) {
              MBeanServerConnection mbs = c.getMBeanServerConnection();
              ObjectName name = new ObjectName("org.alertcluster:type=Peer,cluster=" + cluster
                  + ",name=karaf-node");
              assertThat(mbs.isRegistered(name)).as("MBean %s in Karaf", name).isTrue();
              // Karaf's JMX guard refuses every attribute read (SecurityException: insufficient
              // roles) until its ACL configurations (etc/jmx.acl*.cfg) are loaded, which a loaded
              // machine does well after the RMI connector is up: wait for them.
              await().atMost(WAIT).ignoreExceptionsInstanceOf(SecurityException.class)
                  .until(() -> mbs.getAttribute(name, "Members") != null);
              assertThat(mbs.getAttribute(name, "Members")).isEqualTo(2L);
              assertThat(mbs.getAttribute(name, "Status")).isEqualTo("READY");
              assertThat((String[]) mbs.getAttribute(name, "MemberList"))
                  .containsExactly("jvm-node 127.0.0.1:" + jvmPort, "karaf-node 127.0.0.1:" + karafPort);
              assertThat((long) mbs.getAttribute(name, "PeersJoined")).isGreaterThanOrEqualTo(2);
              System.out.println("JMX " + name + ": Members=" + mbs.getAttribute(name, "Members")
                  + " Position=" + mbs.getAttribute(name, "Position")
                  + " FullStatesReceived=" + mbs.getAttribute(name, "FullStatesReceived"));
            }

            // The README's Karaf commands, as printed there.
            ssh(client, sshPort, "feature:repo-add mvn:org.alertcluster/alertcluster-features/"
                + version + "/xml/features");
            ssh(client, sshPort, "feature:install alertcluster");
            assertThat(ssh(client, sshPort, "feature:list -i")).contains("alertcluster");
            assertThat(ssh(client, sshPort, "bundle:list")).contains("alertcluster shell");
            String meta = ssh(client, sshPort, "config:meta org.alertcluster.peer");
            System.out.println("karaf@root()> config:meta org.alertcluster.peer\n" + meta);
            assertThat(meta).contains("pushPullInterval").contains("A duration: 30s, 500ms")
                .contains("knownPeers");
            assertThat(ssh(client, sshPort, "service:list org.alertcluster.api.Peer"))
                .contains("alertcluster.cluster = " + cluster)
                .contains("alertcluster.peer.name = karaf-node");

            // A duration that is not one: the log names the configuration and the property.
            ssh(client, sshPort, "config:edit org.alertcluster.peer~default;"
                + " config:property-set pushPullInterval abc; config:update");
            await().atMost(WAIT).until(() -> karaf.logText().contains("org.alertcluster.peer~default:"
                + " pushPullInterval must be a duration such as 30s or 30000, was 'abc'"));
            await().atMost(WAIT).until(() -> !KarafFeatureTest.memberNames(jvm).contains("karaf-node"));
            // Fixed with units, the peer comes back.
            ssh(client, sshPort, "config:edit org.alertcluster.peer~default;"
                + " config:property-set pushPullInterval 30s; config:update");
            await().atMost(WAIT).until(() -> KarafFeatureTest.memberNames(jvm).contains("karaf-node"));
            // The others see the peer while it joins, inside the component's activation; its Peer
            // service (what the shell reads) is registered when activation returns: wait for it.
            await().atMost(WAIT).until(() -> ssh(client, sshPort, "alertcluster:status"),
                s -> s.contains("karaf-node") && s.contains("Members      | 2"));
          } finally {
            client.stop();
          }

        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(e.getMessage() + "\n" + karaf.tail(60), e);
        }
      }
    }
  }

  /**
   * Opens an interactive console over ssh, types {@code keys} and returns what the console echoed
   * once {@code expected} appeared (bounded by 30 s).
   */
  static String interactive(SshClient client, int port, String keys, String expected)
      throws Exception {
    try (ClientSession session = client.connect("karaf", "127.0.0.1", port)
        .verify(Duration.ofSeconds(10)).getSession()) {
      session.addPasswordIdentity("karaf");
      session.auth().verify(Duration.ofSeconds(10));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (org.apache.sshd.client.channel.ChannelShell shell = session.createShellChannel()) {
        shell.setPtyType("xterm");
        shell.setPtyColumns(200);
        shell.setOut(out);
        shell.setErr(out);
        shell.open().verify(Duration.ofSeconds(10));
        // Wait for the prompt before typing, so jline reads the keys as input.
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> clean(out).contains("@root()>"));
          shell.getInvertedIn().write(keys.getBytes(StandardCharsets.UTF_8));
          shell.getInvertedIn().flush();
          await().atMost(Duration.ofSeconds(30)).until(() -> clean(out).contains(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("console never showed '" + expected + "'; it showed:\n"
              + clean(out), e);
        }
        return clean(out);
      }
    }
  }

  private static String clean(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "")
        .replaceAll("\u001B[()][A-Z0-9]", "");
  }

  /** Runs one command over ssh and returns what it printed; fails on a non-zero exit or stderr. */
  static String ssh(SshClient client, int port, String command) throws Exception {
    try (ClientSession session = client.connect("karaf", "127.0.0.1", port)
        .verify(Duration.ofSeconds(10)).getSession()) {
      session.addPasswordIdentity("karaf");
      session.auth().verify(Duration.ofSeconds(10));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try (ClientChannel channel = session.createExecChannel(command)) {
        channel.setOut(out);
        channel.setErr(err);
        channel.open().verify(Duration.ofSeconds(10));
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30));
        Integer exit = channel.getExitStatus();
        String text = out.toString(StandardCharsets.UTF_8);
        if (err.size() > 0 || exit != null && exit != 0) {
          throw new AssertionError("'" + command + "' exit " + exit + ": "
              + err.toString(StandardCharsets.UTF_8) + text);
        }
        return text;
      }
    }
  }
}
