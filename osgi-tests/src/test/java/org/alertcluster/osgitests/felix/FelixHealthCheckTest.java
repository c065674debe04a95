package org.alertcluster.osgitests.felix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;

/**
 * The Felix Health Check of a configured peer, in an embedded Felix with the Felix HC API bundle:
 * registered with tag {@code alertcluster}, TEMPORARILY_UNAVAILABLE while settling, once ready WARN
 * naming the known peer that has not joined yet, OK once it has, WARN with the failed peer named
 * after that member vanishes, gone with the peer. Without the HC API bundle (every other Felix test)
 * the impl bundle runs the same and registers none.
 */
class FelixHealthCheckTest {

  static final String HC = "org.apache.felix.hc.api.HealthCheck";
  static final Duration WAIT = Duration.ofSeconds(30);
  /** By name: this JVM has no api or impl on its class path, so the class is not loaded here. */
  static final String FORKED_MAIN = "org.alertcluster.osgitests.support.ForkedPeerMain";

  @TempDir Path tmp;

  @Test
  void healthCheckFollowsSettlingReadyAndFailedPeers() throws Exception {
    String cluster = "hc-" + System.nanoTime();
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    List<Integer> both = List.of(portA, portB);
    try (FelixContainer a = FelixContainer.start(tmp.resolve("a"), true,
        List.of("org.apache.felix.healthcheck.api.jar"))) {
      Map<String, Object> props = a.peerProperties(cluster, "hc-a", portA, both);
      // Long enough to observe settling: nobody answers at portB yet.
      props.put("settleTimeout", "60000");
      props.put("settleInterval", "300");
      Object configA = a.configurePeer("a", props);

      ServiceReference<?> ref = await().atMost(WAIT).until(() -> reference(a, cluster), r -> r != null);
      assertThat(ref.getProperty("hc.tags")).isEqualTo(new String[] {"alertcluster"});
      assertThat((String) ref.getProperty("hc.name")).isEqualTo("alertcluster peer hc-a (cluster " + cluster + ")");
      Object check = a.context().getService(ref);

      String first = status(check);
      System.out.println("Felix HC at start: " + first + " " + Reflect.call(check, "execute"));
      // While the single member settles (stable polls at 300 ms) the check says so; it may already
      // be OK on a slow machine, but never anything else.
      assertThat(first).isIn("TEMPORARILY_UNAVAILABLE", "OK", "WARN");
      // Ready, and warning about the known peer that has not joined yet (nobody at portB): a failed
      // peer as Alertmanager's setInitialFailed counts it, as failed_peers does.
      await().atMost(WAIT).until(() -> status(check).equals("WARN"));
      assertThat(Reflect.call(check, "execute").toString()).contains("Peer hc-a in cluster " + cluster
          + " is ready with 1 members").contains("1 failed peer(s) being retried: 127.0.0.1:" + portB
          + " (not joined yet)");

      // A second member, a plain-JVM peer in its own process, joins and is then killed with
      // SIGKILL: it vanishes without leaving, and the check warns naming it.
      Process b = forkPeer(cluster, "hc-b", portB, portA);
      try {
        await().atMost(WAIT).until(() -> Reflect.call(check, "execute").toString()
            .contains("with 2 members"));
        await().atMost(WAIT).until(() -> status(check).equals("OK"));
        b.destroyForcibly();
        assertThat(b.waitFor(10, TimeUnit.SECONDS)).as("the forked peer was killed").isTrue();
      } finally {
        b.destroyForcibly();
      }
      await().atMost(WAIT).until(() -> status(check).equals("WARN"));
      String warn = Reflect.call(check, "execute").toString();
      System.out.println("Felix HC after a member failed: " + warn);
      assertThat(warn).contains("1 failed peer(s) being retried: hc-b at 127.0.0.1:" + portB);

      FelixContainer.delete(configA);
      await().atMost(WAIT).until(() -> reference(a, cluster) == null);
    }
  }

  @Test
  void withoutFelixHealthCheckThePeerRunsAndNoCheckIsRegistered() throws Exception {
    String cluster = "nohc-" + System.nanoTime();
    int port = FreePorts.next();
    try (FelixContainer a = FelixContainer.start(tmp.resolve("nohc"), true)) {
      a.configurePeer("a", a.peerProperties(cluster, "nohc-a", port, List.of(port)));
      await().atMost(WAIT).until(() -> a.service("org.alertcluster.api.Peer",
          "(alertcluster.cluster=" + cluster + ")").isPresent());
      assertThat(a.impl().getState()).isEqualTo(org.osgi.framework.Bundle.ACTIVE);
      assertThat(a.context().getServiceReferences(HC, null)).isNull();
    }
  }

  /**
   * Starts {@link ForkedPeerMain} in a JVM of its own with the api, impl, protobuf and slf4j jars
   * this module's Felix tests install, and waits until it has joined.
   */
  private static Process forkPeer(String cluster, String name, int port, int knownPort)
      throws Exception {
    Path bundles = FelixContainer.bundlesDir();
    String classPath = String.join(File.pathSeparator,
        Path.of(FelixHealthCheckTest.class.getProtectionDomain().getCodeSource().getLocation()
            .toURI()).toString(),
        bundles.resolve(FelixContainer.API).toString(), bundles.resolve(FelixContainer.IMPL).toString(),
        bundles.resolve("protobuf-java.jar").toString(), bundles.resolve("slf4j-api.jar").toString(),
        bundles.resolve("slf4j-simple.jar").toString());
    String java = ProcessHandle.current().info().command().orElse(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    Process p = new ProcessBuilder(java, "-Djava.net.preferIPv4Stack=true", "-Xmx128m",
        "-cp", classPath, FORKED_MAIN, cluster, name, Integer.toString(port),
        Integer.toString(knownPort)).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> joined = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println("[" + name + "] " + line);
          if (line.startsWith("JOINED ")) {
            return line;
          }
        }
        return "EOF";
      } catch (Exception e) {
        return "EOF " + e;
      }
    });
    try {
      assertThat(joined.get(60, TimeUnit.SECONDS)).as("forked peer output").startsWith("JOINED ");
    } catch (Exception | AssertionError e) {
      p.destroyForcibly();
      throw e;
    }
    return p;
  }

  private static ServiceReference<?> reference(FelixContainer c, String cluster) throws Exception {
    ServiceReference<?>[] refs = c.context().getServiceReferences(HC,
        "(&(hc.tags=alertcluster)(alertcluster.cluster=" + cluster + "))");
    return refs == null ? null : refs[0];
  }

  private static String status(Object check) throws Exception {
    Object result = Reflect.call(check, "execute");
    return Reflect.call(result, "getStatus").toString();
  }
}
