package org.alertcluster.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.examples.node.Main;

/**
 * One replica of the demo as a child process of the same runnable jar (or class path), with
 * {@code -Dalertcluster-ci-fork=true} on its command line so CI can find leftovers.
 *
 * <p>The replica binds port 0 for its API and its cluster transport ({@link #LISTEN_ANYWHERE}), so
 * the OS picks free ports and nothing can take them between a check and the bind.
 * {@link #awaitListening} learns them afterwards: the API port from the replica's own log line
 * {@code API listening on 127.0.0.1:PORT} (ApiServer), the cluster address from its
 * {@code /api/v2/status}, as an operator would read them.
 */
final class ReplicaProcess {

  /** The flags that let the OS pick both ports, on loopback. */
  static final List<String> LISTEN_ANYWHERE =
      List.of("--web.listen-address=127.0.0.1:0", "--cluster.listen-address=127.0.0.1:0");

  private static final Pattern API_LINE = Pattern.compile("API listening on \\S*:(\\d+)");

  final String name;
  private final Path log;
  private volatile int webPort;
  private volatile String clusterAddress;
  private Process process;
  private boolean killed;

  ReplicaProcess(String name, Path log) {
    this.name = name;
    this.log = log;
  }

  /** Whether {@link #awaitListening} learnt where this replica listens. */
  boolean listening() {
    return webPort > 0;
  }

  String api() {
    return "http://127.0.0.1:" + webPort;
  }

  /** The {@code externalURL} this replica writes into its notifications. */
  String externalUrl() {
    return "http://127.0.0.1:" + webPort;
  }

  /** host:port of this replica's cluster transport, as it advertises it. */
  String clusterAddress() {
    return clusterAddress;
  }

  /**
   * Waits until the started replica says where it listens and its API answers with its own cluster
   * address.
   *
   * @param limit the longest wait
   * @throws IllegalStateException if the process exits or {@code limit} passes first
   */
  void awaitListening(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (clusterAddress == null) {
      if (webPort == 0 && Files.exists(log)) {
        Matcher m = API_LINE.matcher(Files.readString(log));
        if (m.find()) {
          webPort = Integer.parseInt(m.group(1));
        }
      }
      if (webPort > 0) {
        JsonNode status = DemoHttp.getJson(api() + "/api/v2/status");
        String self = status == null ? "" : status.at("/cluster/name").asText();
        for (JsonNode p : status == null ? List.<JsonNode>of() : status.at("/cluster/peers")) {
          if (p.path("name").asText().equals(self) && !self.isEmpty()) {
            clusterAddress = p.path("address").asText();
          }
        }
      }
      if (clusterAddress != null) {
        return;
      }
      if (process == null || !process.isAlive()) {
        throw new IllegalStateException(name + " exited before it listened (see " + log + ")");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not say where it listens within "
            + limit.toSeconds() + " s (see " + log + ")");
      }
      Thread.sleep(100);
    }
  }

  Path log() {
    return log;
  }

  void start(List<String> flags) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Dalertcluster-ci-fork=true",
        "-Djava.net.preferIPv4Stack=true", "-Xss512k", "-Xmx128m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(flags);
    process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  boolean killed() {
    return killed;
  }

  /** Kills the replica without a chance to leave: the cluster must detect the failure. */
  void kill() {
    killed = true;
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /**
   * Waits for the process to be gone, after {@link #kill()}.
   *
   * @param limit the longest wait
   * @return true if it has exited (or never started)
   * @throws InterruptedException if interrupted
   */
  boolean awaitExit(Duration limit) throws InterruptedException {
    return process == null || process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the replica: SIGTERM (graceful leave), then SIGKILL if it has not exited in 5 s. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
