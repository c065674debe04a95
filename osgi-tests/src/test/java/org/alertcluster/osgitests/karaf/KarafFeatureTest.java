package org.alertcluster.osgitests.karaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alertcluster.api.Channel;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.api.Member;
import org.alertcluster.api.Peer;
import org.alertcluster.api.Peers;
import org.alertcluster.osgitests.probe.ProbeBundle;
import org.alertcluster.osgitests.probe.ProbeState;
import org.alertcluster.osgitests.support.TestPorts;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature alertcluster in a real Apache Karaf 4.4.10, observed from outside through the cluster
 * itself: this test JVM runs a plain-JVM peer (alertcluster-impl on the class path, found by
 * {@link Peers}) in the same cluster as the peer Karaf creates from
 * {@code etc/org.alertcluster.peer-default.cfg}.
 *
 * <ul>
 *   <li>Karaf boots with features alertcluster (added by its {@code mvn:} repository URL, resolved
 *       from Karaf's {@code system/} repository) and a probe feature whose bundle, written by this
 *       test, registers a State service and broadcasts once its Channel service appears.</li>
 *   <li>The Karaf peer joining this peer proves the DS component activated from the .cfg file;
 *       the probe's entries arriving here prove the whiteboard adopted the State and the Channel
 *       service works; an entry broadcast from here arriving in the probe's State (which writes a
 *       file after each merge) proves delivery into Karaf.</li>
 *   <li>Editing the .cfg file (what {@code config:edit} does) makes the Karaf peer leave and rejoin
 *       under its new name.</li>
 * </ul>
 *
 * <p>Black-box on purpose (no Pax Exam): nothing but the shipped feature runs inside Karaf, and the
 * test owns the Karaf process, which it kills with its process tree in every case.
 */
class KarafFeatureTest {

  static final Duration BOOT = Duration.ofSeconds(120);
  static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir Path tmp;

  @Test
  void featureAlertclusterRunsAPeerWhoseWhiteboardStateReplicates() throws Exception {
    long t0 = System.nanoTime();
    String version = KarafInstance.required("alertcluster.version");
    String cluster = "karaf-" + System.nanoTime();
    int karafPort = FreePorts.next();
    int jvmPort = FreePorts.next();
    Path dump = tmp.resolve("karaf-probe-state.txt");

    try (KarafInstance karaf = KarafInstance.copyDistribution(tmp.resolve("karaf"))) {
      prepare(karaf, version, tmp, ProbeBundle.of("alertcluster.karaf.probe", "karaf-probe")
          .cluster(cluster).entries("seed-karaf").announce("hello-from-karaf").dumpTo(dump));

      // The operator's configuration, present before the feature: <configfile> must keep it.
      karaf.writeConfig("org.alertcluster.peer-default.cfg",
          karafPeer(cluster, "karaf-node", karafPort, jvmPort));

      ProbeState jvmState = new ProbeState("karaf-probe");
      try (Peer jvm = Peers.create(jvmConfig(cluster, jvmPort, karafPort))) {
        Channel jvmChannel = jvm.addState(jvmState);
        karaf.start();
        long bootStart = System.nanoTime();
        try {
          await().atMost(BOOT).pollInterval(Duration.ofMillis(200))
              .until(() -> memberNames(jvm).contains("karaf-node") || !karaf.isAlive());
          assertThat(karaf.isAlive()).as("Karaf process alive").isTrue();
          System.out.printf("Karaf: boot to Karaf peer joined %d ms%n",
              KarafInstance.since(bootStart).toMillis());

          // Karaf -> here: the probe's full state and its Channel-service broadcast.
          await().atMost(WAIT).until(() -> jvmState.contents()
              .containsAll(List.of("seed-karaf", "hello-from-karaf")));
          // Here -> Karaf: a broadcast merged into the probe's State inside Karaf.
          jvmChannel.broadcast(jvmState.add("hello-from-jvm"));
          await().atMost(WAIT).until(() -> Files.exists(dump)
              && Files.readString(dump).contains("hello-from-jvm"));
          assertThat(karaf.logText()).contains("Peer karaf-node joined cluster " + cluster)
              .contains("(configuration org.alertcluster.peer~");
          assertThat(Files.readString(karaf.etc("org.alertcluster.peer-default.cfg")))
              .as("the shipped default did not overwrite the existing file")
              .contains("nodeName = karaf-node");

          // Editing the file (config:edit does the same through ConfigAdmin) rejoins the peer.
          karaf.writeConfig("org.alertcluster.peer-default.cfg",
              karafPeer(cluster, "karaf-node-2", karafPort, jvmPort));
          await().atMost(WAIT).until(() -> {
            List<String> names = memberNames(jvm);
            return names.contains("karaf-node-2") && !names.contains("karaf-node");
          });
          // The State is adopted by the new peer, which catches up with a full-state exchange.
          jvmChannel.broadcast(jvmState.add("after-rejoin"));
          await().atMost(WAIT).until(() -> Files.readString(dump).contains("after-rejoin"));

          List<String> log = karaf.logText().lines().toList();
          log.stream().filter(l -> l.contains("PeerComponent")).forEach(System.out::println);
          // JGroups' own transport may warn while a member leaves and rejoins (printed for the
          // record); the adapter must not warn, the probe's merges must not fail, and nothing of
          // ours may log an error.
          for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("| WARN  |") && log.get(i).contains("org.alertcluster")) {
              log.subList(i, Math.min(log.size(), i + 6)).forEach(System.out::println);
            }
          }
          assertThat(log).as("karaf.log: errors of alertcluster, warnings of its OSGi adapter")
              .noneMatch(l -> l.contains("org.alertcluster") && (l.contains("| ERROR |")
                  || l.contains("| WARN  |") && (l.contains("| PeerComponent ")
                      || l.contains("| StateWhiteboard ") || l.contains("failed to merge"))));
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(e.getMessage() + "\n" + karaf.tail(60), e);
        }
      }
    } finally {
      System.out.printf("Karaf: whole test %d ms%n", KarafInstance.since(t0).toMillis());
    }
  }

  @Test
  void theShippedDefaultConfigurationIsInstalledAndEditable() throws Exception {
    String version = KarafInstance.required("alertcluster.version");
    boolean defaultPortFree = org.alertcluster.osgitests.support.TestPorts.canBind(9094);
    try (KarafInstance karaf = KarafInstance.copyDistribution(tmp.resolve("karaf"))) {
      prepare(karaf, version, tmp, null);
      Path cfg = karaf.etc("org.alertcluster.peer-default.cfg");
      assertThat(cfg).doesNotExist();
      karaf.start();
      try {
        // Karaf's features service creates the file and then writes it: wait for its content, not
        // its existence (a read in between returned "" once under load).
        await().atMost(BOOT).until(() -> !karaf.isAlive()
            || (Files.exists(cfg) && Files.readString(cfg).contains("clusterName")));
        assertThat(Files.readString(cfg)).contains("bindAddress = 127.0.0.1:9094")
            .contains("clusterName = alertcluster");
        // Port 9094 may be held by another process on this machine, and may be taken or freed
        // between the check above and Karaf's boot (other builds share it): then activation fails
        // and says why. Either way the component saw the shipped configuration.
        String joined = "joined cluster alertcluster on 127.0.0.1:9094 (configuration"
            + " org.alertcluster.peer~default)";
        String portTaken = "Configuration org.alertcluster.peer~default: the peer could not start";
        await().atMost(WAIT).until(() -> karaf.logText().contains(joined)
            || karaf.logText().contains(portTaken));
        System.out.printf("Karaf: port 9094 %s at the check; the shipped configuration %s%n",
            defaultPortFree ? "was free" : "was taken",
            karaf.logText().contains(joined) ? "joined" : "could not bind it");

        // What an operator does next (config:edit org.alertcluster.peer~default, or the file).
        int port = FreePorts.next();
        String edited = Files.readString(cfg)
            .replace("bindAddress = 127.0.0.1:9094", "bindAddress = 127.0.0.1:" + port)
            .replace("nodeName =", "nodeName = edited");
        Path next = cfg.resolveSibling("peer-default.next");
        Files.writeString(next, edited);
        Files.move(next, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(WAIT).until(() -> karaf.logText().contains(
            "Peer edited joined cluster alertcluster on 127.0.0.1:" + port));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + karaf.tail(60), e);
      }
    }
  }

  /**
   * Puts this reactor's artifacts into Karaf's system/ repository and boots feature alertcluster,
   * plus a feature with {@code probe} when it is not null.
   */
  static void prepare(KarafInstance karaf, String version, Path tmp, ProbeBundle probe)
      throws java.io.IOException {
    prepare(karaf, version, tmp, probe, "");
  }

  /** As above, with more boot features (", ssh, management"). */
  static void prepare(KarafInstance karaf, String version, Path tmp, ProbeBundle probe,
      String moreBootFeatures) throws java.io.IOException {
    Path bundles = Path.of(KarafInstance.required("alertcluster.bundles"));
    karaf.addToSystemRepository(bundles.resolve("alertcluster-api.jar"), "org.alertcluster",
        "alertcluster-api", version, null, "jar");
    karaf.addToSystemRepository(bundles.resolve("alertcluster-impl.jar"), "org.alertcluster",
        "alertcluster-impl", version, null, "jar");
    karaf.addToSystemRepository(bundles.resolve("alertcluster-shell.jar"), "org.alertcluster",
        "alertcluster-shell", version, null, "jar");
    karaf.addToSystemRepository(bundles.resolve("alertcluster-features-features.xml"),
        "org.alertcluster", "alertcluster-features", version, "features", "xml");
    karaf.addToSystemRepository(bundles.resolve("alertcluster-features-peer-default.cfg"),
        "org.alertcluster", "alertcluster-features", version, "peer-default", "cfg");

    // Resolve third-party bundles (protobuf, scr) from the build's local repository.
    karaf.setProperty("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
        KarafInstance.required("alertcluster.m2.local"));
    karaf.setProperty("org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
        "https://repo1.maven.org/maven2@id=central");

    String repositories = "mvn:org.apache.karaf.features/standard/" + KarafInstance.KARAF_VERSION
        + "/xml/features, mvn:org.apache.karaf.features/framework/" + KarafInstance.KARAF_VERSION
        + "/xml/features, mvn:org.alertcluster/alertcluster-features/" + version + "/xml/features";
    String boot = "instance, package, log, framework, system, feature, shell, service, config,"
        + " deployer, bundle, scr" + moreBootFeatures + ", alertcluster";
    if (probe != null) {
      Path probeJar = probe.writeTo(tmp);
      Path probeFeatures = tmp.resolve("probe-features.xml");
      Files.writeString(probeFeatures, "<features name=\"alertcluster-probe\""
          + " xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n"
          + "  <feature name=\"alertcluster-probe\" version=\"1.0.0\">\n"
          + "    <feature>alertcluster</feature>\n"
          + "    <bundle>" + probeJar.toUri() + "</bundle>\n"
          + "  </feature>\n</features>\n", StandardCharsets.UTF_8);
      repositories += ", " + probeFeatures.toUri();
      boot += ", alertcluster-probe";
    }
    karaf.setProperty("org.apache.karaf.features.cfg", "featuresRepositories", repositories);
    karaf.setProperty("org.apache.karaf.features.cfg", "featuresBoot", boot);
  }

  static List<String> memberNames(Peer peer) {
    return peer.members().stream().map(Member::name).toList();
  }

  /** The peer's configuration as the strings of a Karaf {@code .cfg} file. */
  static Map<String, String> karafPeer(String cluster, String name, int port, int other) {
    Map<String, String> p = new LinkedHashMap<>();
    TestPorts.peerProperties(ClusterConfig.class, cluster, name, port, List.of(other)).forEach((k, v) ->
        p.put(k, v instanceof String[] a ? String.join(",", a) : String.valueOf(v)));
    return p;
  }

  static ClusterConfig jvmConfig(String cluster, int port, int karafPort) {
    return (ClusterConfig) TestPorts.testConfig(ClusterConfig.class, cluster, "jvm-node", port,
        List.of(karafPort));
  }
}
