package org.alertcluster.examples.node;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a process ({@link Main}), forked with {@code -Dalertcluster-ci-fork=true}: exit codes
 * for bad flags and a bad config file, and snapshots written by the shutdown hook and reloaded at
 * the next start.
 */
class NodeProcessTest {

  @TempDir
  Path dir;
  private final List<Process> forks = new ArrayList<>();

  @AfterEach
  void killForks() {
    forks.forEach(Process::destroyForcibly);
  }

  private Process fork(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Dalertcluster-ci-fork=true",
        "-Djava.net.preferIPv4Stack=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out-" + forks.size() + ".log").toFile()).start();
    forks.add(p);
    return p;
  }

  private String output(int index) throws IOException {
    return Files.readString(dir.resolve("out-" + index + ".log"), StandardCharsets.UTF_8);
  }

  @Test
  void badFlagsAndBadConfigExitWithOneAsAlertmanagerDoes() throws Exception {
    Process p = fork("--cluster.nope=1");
    assertThat(p.waitFor(30, SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output(0)).contains("alertcluster-node: error: unknown flag --cluster.nope");

    Path cfg = dir.resolve("bad.yml");
    Files.writeString(cfg, "route:\n  receiver: r\n  group_wait: soon\nreceivers:\n  - name: r\n");
    Process q = fork("--cluster.listen-address=", "--config.file=" + cfg, "--storage.path=" + dir.resolve("d"),
        "--web.listen-address=127.0.0.1:0");
    assertThat(q.waitFor(30, SECONDS)).isTrue();
    assertThat(q.exitValue()).isEqualTo(1);
    assertThat(output(1)).contains("alertcluster-node: error: --config.file=" + cfg + ": line 3: route.group_wait");
  }

  @Test
  void snapshotsAreWrittenAtShutdownAndReloadedAtStart() throws Exception {
    Path cfg = dir.resolve("alertmanager.yml");
    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused"));
    Path storage = dir.resolve("data");
    int web = FreePorts.next();
    String[] args = {"--cluster.listen-address=127.0.0.1:0", "--cluster.settle-timeout=0s",
        "--web.listen-address=127.0.0.1:" + web, "--storage.path=" + storage, "--config.file=" + cfg};
    String api = "http://127.0.0.1:" + web + "/api/v2";

    Process first = fork(args);
    await().atMost(30, SECONDS).ignoreExceptions().until(() -> TestNodes.get(api + "/status").status() == 200);
    String id = TestNodes.post(api + "/silences", TestNodes.silence("Persisted")).json().path("silenceID").asText();
    first.destroy(); // SIGTERM: the shutdown hook writes the final snapshot and leaves
    assertThat(first.waitFor(30, SECONDS)).isTrue();
    assertThat(storage.resolve("silences")).isNotEmptyFile();
    assertThat(storage.resolve("nflog")).exists();

    fork(args);
    await().atMost(30, SECONDS).ignoreExceptions().until(() -> TestNodes.get(api + "/silence/" + id).status() == 200);
    assertThat(TestNodes.get(api + "/silence/" + id).json().at("/matchers/0/value").asText()).isEqualTo("Persisted");
  }

  /**
   * Alertmanager reloads on SIGHUP (config reloaders and {@code systemctl reload} send it). Before
   * this change the JVM took SIGHUP as a request to exit and the replica left the cluster.
   */
  @Test
  void sighupReloadsInPlaceAndTheReplicaKeepsRunning() throws Exception {
    Path cfg = dir.resolve("alertmanager.yml");
    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused"));
    int web = FreePorts.next();
    Process p = fork("--cluster.listen-address=127.0.0.1:0", "--cluster.settle-timeout=0s",
        "--web.listen-address=127.0.0.1:" + web, "--storage.path=" + dir.resolve("data"), "--config.file=" + cfg);
    String base = "http://127.0.0.1:" + web;
    await().atMost(30, SECONDS).ignoreExceptions().until(() -> TestNodes.get(base + "/-/ready").status() == 200);
    String name = TestNodes.get(base + "/api/v2/status").json().at("/cluster/name").asText();

    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused").replace("receiver: hook", "receiver: hook\n  routes:\n    - matchers: ['a=\"b\"']"));
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start();
    assertThat(kill.waitFor(10, SECONDS)).isTrue();
    try {
      await().atMost(30, SECONDS).ignoreExceptions().until(() ->
          TestNodes.get(base + "/api/v2/status").json().at("/config/original").asText().contains("routes:"));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no reload within 30 s; alive " + p.isAlive() + "; the replica's output:\n" + output(0), e);
    }
    assertThat(p.isAlive()).isTrue();
    assertThat(TestNodes.get(base + "/api/v2/status").json().at("/cluster/name").asText()).isEqualTo(name);
    assertThat(TestNodes.get(base + "/-/ready").status()).isEqualTo(200);
    // Alertmanager's logfmt by default (--log.format=logfmt): ts in UTC with ms, caller, level, msg.
    assertThat(output(0)).containsPattern("(?m)^ts=\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z caller=Node"
        + " level=info msg=\"completed loading of configuration file [^\"]*\"$");
    assertThat(output(0)).containsPattern("(?m)^ts=\\S+ caller=JGroupsPeer level=info component=cluster msg=\"Peer \\S+ joined cluster");
  }

  /**
   * {@code --log.format=json}: one JSON object per line, as Alertmanager's; the cluster's lines name
   * flags and Go durations, not the Java configuration's fields and ISO durations.
   */
  @Test
  void jsonLogLinesOnRequest() throws Exception {
    Path cfg = dir.resolve("alertmanager.yml");
    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused"));
    int web = FreePorts.next();
    int missing = FreePorts.next();
    fork("--log.format=json", "--cluster.listen-address=127.0.0.1:0", "--cluster.settle-timeout=0s",
        "--cluster.preset=loopback", "--cluster.peer=127.0.0.1:" + missing,
        "--web.listen-address=127.0.0.1:" + web, "--storage.path=" + dir.resolve("data"), "--config.file=" + cfg);
    await().atMost(30, SECONDS).until(() -> output(0).contains("Failed to join cluster"));
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
    for (String line : output(0).lines().toList()) {
      lines.add(json.readTree(line)); // every line is one JSON object
    }
    com.fasterxml.jackson.databind.JsonNode warn = lines.stream()
        .filter(l -> l.path("msg").asText().startsWith("Failed to join cluster")).findFirst().orElseThrow();
    assertThat(warn.path("level").asText()).isEqualTo("warn");
    assertThat(warn.path("component").asText()).isEqualTo("cluster");
    assertThat(warn.path("caller").asText()).isEqualTo("UnreachablePeers");
    assertThat(warn.path("ts").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(warn.path("msg").asText()).contains("127.0.0.1:" + missing + ": connection refused")
        .endsWith("retried every --cluster.reconnect-interval (1s)");
  }

  /**
   * kingpin, Alertmanager's flag parser: {@code --version} prints the version and exits 0, an unknown
   * flag is "unknown flag" (it was "needs a value" when the flag came last), a repeated single-value
   * flag is refused (the last one silently won), and flag errors exit 1 (they exited 2).
   */
  @Test
  void versionUnknownAndRepeatedFlagsAsAlertmanager() throws Exception {
    Process v = fork("--version");
    assertThat(v.waitFor(30, SECONDS)).isTrue();
    assertThat(v.exitValue()).isZero();
    assertThat(output(0)).contains("version");

    Process u = fork("--nope");
    assertThat(u.waitFor(30, SECONDS)).isTrue();
    assertThat(u.exitValue()).isEqualTo(1);
    assertThat(output(1)).contains("unknown flag --nope").doesNotContain("needs a value");

    Process r = fork("--web.listen-address=127.0.0.1:1", "--web.listen-address=127.0.0.1:2");
    assertThat(r.waitFor(30, SECONDS)).isTrue();
    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(output(2)).contains("flag 'web.listen-address' cannot be repeated");
  }

  /**
   * An unusable storage path names the flag and the reason (it said only {@code cannot start:
   * /proc/x}); a web port in use stops the replica before it joins the cluster (the others saw it
   * join and leave).
   */
  @Test
  void localResourcesAreCheckedBeforeJoiningAndErrorsNameTheFlag() throws Exception {
    Path cfg = dir.resolve("alertmanager.yml");
    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused"));
    Process s = fork("--cluster.listen-address=127.0.0.1:0", "--web.listen-address=127.0.0.1:0",
        "--storage.path=/proc/x", "--config.file=" + cfg);
    assertThat(s.waitFor(30, SECONDS)).isTrue();
    assertThat(s.exitValue()).isEqualTo(1);
    assertThat(output(0)).contains("alertcluster-node: error: --storage.path=/proc/x: the directory cannot be created or written: ")
        .doesNotContain("joined cluster");

    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Process w = fork("--cluster.listen-address=127.0.0.1:0", "--web.listen-address=127.0.0.1:" + taken.getLocalPort(),
          "--storage.path=" + dir.resolve("d2"), "--config.file=" + cfg);
      assertThat(w.waitFor(30, SECONDS)).isTrue();
      assertThat(w.exitValue()).isEqualTo(1);
      assertThat(output(1)).contains("alertcluster-node: error: --web.listen-address=127.0.0.1:" + taken.getLocalPort() + ": cannot listen")
          .doesNotContain("joined cluster");
    }
  }
}
