package org.alertcluster.benchmarks.replica;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three processes of one system (Alertmanager or the alertcluster replica) on 127.0.0.1, started with
 * Alertmanager's flags. Every process started is killed by PID when the fleet closes.
 */
abstract class Fleet implements AutoCloseable {

  static final String CONFIG = """
      route:
        receiver: blackhole
        group_by: [alertname]
      receivers:
        - name: blackhole
      """;

  final String name;
  final Path dir;
  final int[] webPorts;
  final int[] clusterPorts;
  final Process[] processes;
  final long[] startedAtNanos;
  private final long[] logSizeAtStart;
  /** Per member, its {@code --cluster.tls-config} file; null for plaintext. */
  private Path[] tlsConfigs;

  Fleet(String name, Path dir, int n) throws IOException {
    this.name = name;
    this.dir = dir;
    webPorts = new int[n];
    clusterPorts = new int[n];
    processes = new Process[n];
    startedAtNanos = new long[n];
    logSizeAtStart = new long[n];
    for (int i = 0; i < n; i++) {
      webPorts[i] = freePort();
      clusterPorts[i] = freePort();
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
    // Killed by PID also when the benchmark itself is stopped (Ctrl-C, SIGTERM) or fails.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : processes) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
    }, "fleet-cleanup"));
  }

  /**
   * Restarts member {@code i} on new ports if it exited because a port it was given was taken in
   * the meantime (ports are chosen free, but another process on a shared machine may bind one
   * before the member does).
   *
   * @return true if it was restarted
   */
  boolean restartIfPortTaken(int i) throws IOException {
    Process p = processes[i];
    if (p == null || p.isAlive()) {
      return false;
    }
    Path log = dir.resolve("member-" + i + ".log");
    String all = Files.exists(log) ? Files.readString(log) : "";
    // Only what this start wrote: a member that dies again for another reason is not retried.
    if (!all.substring((int) Math.min(all.length(), logSizeAtStart[i])).contains("in use")) {
      return false;
    }
    webPorts[i] = freePort();
    clusterPorts[i] = freePort();
    System.out.println("   member " + i + ": a port was taken meanwhile; restarting it on new ports");
    start(i);
    return true;
  }

  /**
   * Runs every member with mutual TLS between peers: a CA and one certificate per member, made now,
   * named by Alertmanager's {@code --cluster.tls-config} file (both systems read the same file).
   */
  void useMutualTls() throws Exception {
    ClusterCerts certs = new ClusterCerts(dir.resolve("tls"));
    tlsConfigs = new Path[webPorts.length];
    for (int i = 0; i < tlsConfigs.length; i++) {
      tlsConfigs[i] = certs.member(i);
    }
  }

  /** @return whether the members run with mutual TLS between peers */
  boolean mutualTls() {
    return tlsConfigs != null;
  }

  /** The command that starts a process with these flags. */
  abstract List<String> command(List<String> flags);

  String api(int i) {
    return "http://127.0.0.1:" + webPorts[i];
  }

  Path storage(int i) {
    return dir.resolve("data-" + i);
  }

  /** Starts member {@code i}, peering with every other member. */
  void start(int i) throws IOException {
    Files.createDirectories(storage(i));
    List<String> flags = new ArrayList<>(List.of("--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + storage(i), "--web.listen-address=127.0.0.1:" + webPorts[i],
        "--cluster.listen-address=127.0.0.1:" + clusterPorts[i]));
    if (tlsConfigs != null) {
      flags.add("--cluster.tls-config=" + tlsConfigs[i]);
    }
    for (int j = 0; j < webPorts.length; j++) {
      if (j != i) {
        flags.add("--cluster.peer=127.0.0.1:" + clusterPorts[j]);
      }
    }
    Path log = dir.resolve("member-" + i + ".log");
    logSizeAtStart[i] = Files.exists(log) ? Files.size(log) : 0;
    startedAtNanos[i] = System.nanoTime();
    processes[i] = new ProcessBuilder(command(flags)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("member-" + i + ".log").toFile())).start();
  }

  /** SIGKILL, and wait for the process to be gone. */
  void kill(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM (graceful), SIGKILL after 15 s. */
  void stop(int i) throws InterruptedException {
    Process p = processes[i];
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Deletes member {@code i}'s storage (it must be stopped). */
  void wipe(int i) throws IOException {
    if (Files.exists(storage(i))) {
      try (Stream<Path> s = Files.walk(storage(i))) {
        for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** @return the resident set size of member {@code i} in MB, from /proc */
  double rssMb(int i) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + processes[i].pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    for (int i = 0; i < processes.length; i++) {
      try {
        stop(i);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (processes[i] != null) {
          processes[i].destroyForcibly();
        }
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
