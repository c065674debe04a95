package org.alertcluster.examples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alertcluster.examples.node.Main;

/**
 * One replica of the demo as a child process of the same runnable jar (or class path), with
 * {@code -Dalertcluster-ci-fork=true} on its command line so CI can find leftovers.
 */
final class ReplicaProcess {

  final String name;
  final int webPort;
  final int clusterPort;
  private final Path log;
  private Process process;
  private boolean killed;

  ReplicaProcess(String name, int webPort, int clusterPort, Path log) {
    this.name = name;
    this.webPort = webPort;
    this.clusterPort = clusterPort;
    this.log = log;
  }

  String api() {
    return "http://127.0.0.1:" + webPort;
  }

  /** The {@code externalURL} this replica writes into its notifications. */
  String externalUrl() {
    return "http://127.0.0.1:" + webPort;
  }

  String clusterAddress() {
    return "127.0.0.1:" + clusterPort;
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
