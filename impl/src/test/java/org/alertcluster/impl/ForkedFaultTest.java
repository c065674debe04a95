package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.alertcluster.api.ClusterMetric;
import org.alertcluster.api.ClusterConfig;
import org.alertcluster.impl.tls.TestPki;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.ClusterAwait;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real process faults: a peer in a second JVM ({@link FaultChildMain}) killed with SIGKILL and
 * restarted empty, or stopped with SIGSTOP past failure detection and continued with SIGCONT (in
 * plaintext and with mutual TLS, JGroups' blocking TCP transport). Every
 * child is killed by PID after the test, also when it fails. Anti-entropy is 10 minutes away, so
 * only the join and merge exchanges can repair.
 */
class ForkedFaultTest {

  private final String cluster = "forked-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JGroupsPeer> locals = new ArrayList<>();
  private final List<LwwMapState> states = new ArrayList<>();
  private final List<Child> children = new ArrayList<>();
  private Path pkiDir;

  @TempDir
  Path tempDir;

  /** The timings of every peer here: the kit's, failure detection in 2 s, no anti-entropy. */
  static ClusterConfig.Builder config(String cluster, int port) {
    return PeerCluster.testDefaults(cluster, port)
        .pushPullInterval(Duration.ofMinutes(10))
        .failureDetectionTimeout(Duration.ofSeconds(2));
  }

  @AfterEach
  void cleanUp() {
    for (Child c : children) {
      c.process.destroyForcibly();
      ProcessHandle.of(c.process.pid()).ifPresent(h -> sendSignal("CONT", h.pid()));
    }
    locals.forEach(p -> p.leave(Duration.ofSeconds(2)));
  }

  private void startLocals(int n) {
    startLocals(n, null);
  }

  /** With {@code pki} not null, every peer here and the children use mutual TLS from it. */
  private void startLocals(int n, Path pki) {
    this.pkiDir = pki;
    for (int i = 0; i < n; i++) {
      ClusterConfig.Builder b = config(cluster, FreePorts.next()).nodeName("local" + i);
      if (pki != null) {
        b.tls(FaultChildMain.tls(pki, "local" + i));
      }
      if (!locals.isEmpty()) {
        b.knownPeers(List.of(locals.get(0).self().address()));
      }
      JGroupsPeer p = JGroupsPeer.start(b.build());
      locals.add(p);
      LwwMapState s = new LwwMapState("sil");
      p.addState(s);
      states.add(s);
    }
  }

  /**
   * Injects: SIGKILL of the child JVM (no goodbye), then a new child with empty state. Must hold:
   * the others report it failed, and the new child holds all 60 entries (30 written by the locals,
   * 30 by the killed child) once it is ready.
   */
  @Test
  void sigkilledPeerRestartedWithEmptyStateRecoversEverything() throws Exception {
    startLocals(2);
    Child child = fork();
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), locals, 3);
    for (int k = 0; k < 30; k++) {
      locals.get(k % 2).channel("sil").orElseThrow()
          .broadcast(states.get(k % 2).put("local-" + k, "v"));
      child.command("PUT child-" + k, "PUT-OK child-" + k);
    }
    // Converged alone can hold while the child's last update is still on its way (both locals
    // then agree on 59): wait for all 60 on both, bounded, then for the same entries.
    await().atMost(Duration.ofSeconds(10)).until(() -> states.stream().allMatch(s -> s.size() == 60));
    ClusterAwait.awaitConverged(Duration.ofSeconds(10), states);

    child.process.destroyForcibly(); // SIGKILL
    assertThat(child.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    ClusterAwait.awaitSameView(Duration.ofSeconds(15), locals, 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> locals.get(0).metrics().get(ClusterMetric.PEERS_FAILED) == 1);

    long restarted = System.nanoTime();
    Child again = fork();
    await().atMost(Duration.ofSeconds(20)).until(() -> again.size() == 60);
    System.out.printf("FAULT | SIGKILL + restart with empty state | all 60 entries on the new "
        + "process %d ms after its launch%n", (System.nanoTime() - restarted) / 1_000_000);
  }

  /**
   * Injects: SIGSTOP of the child until both locals have removed it from their view (failure
   * detection, 2 s), then SIGCONT and at once a write on the child (its stdin held the command
   * while it was stopped). Must hold: the view is whole again and both locals hold the write, with
   * no anti-entropy; prints how long after SIGCONT.
   */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void sigstoppedPeerContinuedAndWrittenToAtOnceReachesEveryone(boolean tls) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/kill")),
        "SIGSTOP test skipped: /bin/kill is not available on this machine");
    if (tls) {
      TestPki pki = new TestPki(tempDir);
      TestPki.Ca ca = pki.ca("forked-ca");
      for (String name : List.of("local0", "local1", "child")) {
        pki.issue(ca, name, TestPki.spec().cn(name).ips("127.0.0.1"));
      }
      startLocals(2, tempDir);
    } else {
      startLocals(2);
    }
    Child child = fork();
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), locals, 3);

    sendSignal("STOP", child.process.pid());
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), locals, 2);
    child.send("PUT after-resume"); // queued in the pipe: read the moment the child runs again
    long resumed = System.nanoTime();
    sendSignal("CONT", child.process.pid());
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() ->
        states.stream().allMatch(s -> s.get("after-resume").isPresent()));
    long data = System.nanoTime();
    ClusterAwait.awaitSameView(Duration.ofSeconds(20), locals, 3);
    System.out.printf("FAULT | SIGSTOP past failure detection, SIGCONT, write at once (%s) | on "
        + "every local %d ms after SIGCONT, views whole %d ms after SIGCONT | load %.2f%n",
        tls ? "mutual TLS" : "plaintext", (data - resumed) / 1_000_000,
        (System.nanoTime() - resumed) / 1_000_000,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static void sendSignal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed", e);
    }
  }

  private Child fork() throws Exception {
    String java = ProcessHandle.current().info().command().orElse(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    List<String> cmd = List.of(java, "-Djava.net.preferIPv4Stack=true", "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), FaultChildMain.class.getName(), cluster,
        locals.get(0).self().address(), pkiDir == null ? "-" : pkiDir.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Child c = new Child(p);
    children.add(c);
    c.expect("JOINED ", Duration.ofSeconds(30));
    return c;
  }

  /** A forked peer: commands to its stdin, lines from its stdout. */
  private static final class Child {
    final Process process;
    final PrintWriter in;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(Process process) {
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("JOINED") || line.startsWith("PUT-OK") || line.startsWith("SIZE")) {
              lines.add(line);
            }
          }
        } catch (Exception ignored) {
          // the process died: the test's waits time out with a message
        }
      }, "child-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    void send(String command) {
      in.println(command);
    }

    String expect(String prefix, Duration within) throws InterruptedException {
      String line = ChildPeerLoop.awaitLine(lines, prefix, within);
      if (line != null) {
        return line;
      }
      throw new AssertionError("the child printed no '" + prefix + "' within " + within);
    }

    void command(String command, String answer) throws InterruptedException {
      send(command);
      expect(answer, Duration.ofSeconds(10));
    }

    int size() throws InterruptedException {
      send("SIZE");
      return Integer.parseInt(expect("SIZE ", Duration.ofSeconds(10)).substring(5));
    }
  }
}
