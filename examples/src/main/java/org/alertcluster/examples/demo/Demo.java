package org.alertcluster.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code java -jar alertcluster-node.jar demo}: a local three-replica cluster as child processes,
 * one webhook sink, alerts sent to every replica and re-sent as Prometheus does ({@link
 * PrometheusSender}), a silence set on one replica, the first replica killed part way, one group
 * resolved at the end; a live table while it runs and a measured verdict at the end. Exit code 0 only
 * when every group was notified firing exactly once, the silenced group by none, the groups created
 * after the kill exactly once by the survivors, and the resolved group resolved exactly once.
 */
public final class Demo {

  /** The wait per position: replica k waits k × this before it looks at the notification log. */
  static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);
  static final List<String> BEFORE_KILL = List.of("DiskFull", "HighCpu", "MemoryLeak");
  static final List<String> AFTER_KILL = List.of("NetworkDown", "SlowQueries");
  static final String SILENCED = "NoisyBatchJob";
  /** The group that stops firing at the end: notified resolved once. */
  static final String RESOLVED = "DiskFull";

  private final PrintStream out;
  private final List<ReplicaProcess> replicas = new ArrayList<>();
  private DemoSink sink;
  private DemoTable table;
  private PrometheusSender prometheus;
  /** The run's directory, to delete at the end; null to keep it. */
  private Path logs;

  private Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo.
   *
   * @param args {@code --keep-logs} keeps the replicas' directory (logs, snapshots, configuration)
   *     after a pass; it is kept after a failure anyway
   * @return the exit code: 0 if the verdict holds
   */
  public static int run(String[] args) {
    return run(args, System.out);
  }

  /**
   * Runs the demo, printing to {@code out}.
   *
   * @param args {@code --keep-logs}, or nothing
   * @param out where the table and the verdict go
   * @return the exit code: 0 if the verdict holds, 1 if not or for an unknown argument
   */
  public static int run(String[] args, PrintStream out) {
    boolean keepLogs = false;
    for (String a : args) {
      if (a.equals("--keep-logs")) {
        keepLogs = true;
      } else {
        out.println("alertcluster-node: error: unknown demo flag " + a + " (the demo takes --keep-logs)");
        return 1;
      }
    }
    return new Demo(out).execute(keepLogs);
  }

  private int execute(boolean keepLogs) {
    Instant start = Instant.now();
    Thread hook = new Thread(this::stopAll, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-table");
      t.setDaemon(true);
      return t;
    });
    try {
      Path dir = Files.createTempDirectory("alertcluster-demo");
      sink = new DemoSink();
      for (int i = 1; i <= 3; i++) {
        replicas.add(new ReplicaProcess("replica-" + i, dir.resolve("replica-" + i + ".log")));
      }
      boolean ansi = System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
      table = new DemoTable(replicas, sink, ansi);
      ticker.scheduleWithFixedDelay(() -> table.print(out), 1, ansi ? 1 : 4, TimeUnit.SECONDS);
      Verdict v = scenario(dir);
      ticker.shutdownNow();
      out.println();
      out.println(table.render());
      v.print(out, Duration.between(start, Instant.now()));
      if (v.passed() && !keepLogs) {
        logs = dir; // deleted once the replicas are gone (finally)
        out.println("replica logs: removed from " + dir + " (demo --keep-logs keeps them)");
      } else {
        out.println("replica logs: " + dir);
      }
      return v.passed() ? 0 : 1;
    } catch (Exception e) {
      out.println("demo failed: " + e.getMessage());
      for (ReplicaProcess r : replicas) {
        out.println("--- last lines of " + r.log() + " ---");
        tail(r.log(), 15).forEach(out::println);
      }
      return 1;
    } finally {
      ticker.shutdownNow();
      stopAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
      deleteLogs();
    }
  }

  /**
   * Removes the run's directory after a pass, once every replica process is gone: every run left
   * one behind in {@code /tmp} (each test run of the build too). A failure keeps it for reading.
   */
  private void deleteLogs() {
    Path dir = logs;
    if (dir == null) {
      return;
    }
    try {
      for (ReplicaProcess r : replicas) {
        if (!r.awaitExit(Duration.ofSeconds(10))) {
          out.println("replica logs kept in " + dir + ": " + r.name + " has not exited");
          return;
        }
      }
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      out.println("replica logs not fully removed from " + dir + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Verdict scenario(Path dir) throws Exception {
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: demo-webhook
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: demo-webhook
            webhook_configs:
              - url: %s
        """.formatted(sink.url()));
    String label = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    ReplicaProcess first = replicas.get(0);
    table.event("starting " + first.name + " (the other two join it)");
    first.start(flags(first, dir, config, label, List.of()));
    first.awaitListening(Duration.ofSeconds(30));
    List<String> seed = List.of("--cluster.peer=" + first.clusterAddress());
    for (ReplicaProcess r : replicas.subList(1, 3)) {
      table.event("starting " + r.name);
      r.start(flags(r, dir, config, label, seed));
    }
    for (ReplicaProcess r : replicas.subList(1, 3)) {
      r.awaitListening(Duration.ofSeconds(30));
    }
    waitFor("three ready members", Duration.ofSeconds(45), () -> replicas.stream().allMatch(r -> {
      var s = DemoHttp.getJson(r.api() + "/api/v2/status");
      return s != null && s.at("/cluster/peers").size() == 3 && "ready".equals(s.at("/cluster/status").asText());
    }));
    table.event("cluster formed: 3 members, all ready");

    String silence = """
        {"matchers":[{"name":"alertname","value":"%s","isRegex":false,"isEqual":true}],
         "startsAt":"%s","endsAt":"%s","createdBy":"demo","comment":"known noisy job"}"""
        .formatted(SILENCED, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
    String id = DemoHttp.postJson(first.api() + "/api/v2/silences", silence).path("silenceID").asText();
    table.event("silence " + id.substring(0, 8) + " for alertname=" + SILENCED + " set on replica-1 only");
    waitFor("the silence on every replica", Duration.ofSeconds(10), () -> replicas.stream().allMatch(r ->
        DemoHttp.getJson(r.api() + "/api/v2/silence/" + id) != null));
    table.event("silence replicated to replica-2 and replica-3");

    // Prometheus' pattern: every alert to every replica, re-sent every second with endsAt moving.
    prometheus = new PrometheusSender(replicas.stream().map(ReplicaProcess::api).toList());
    List<String> phase1 = new ArrayList<>(BEFORE_KILL);
    phase1.add(SILENCED);
    prometheus.fire(phase1);
    table.event("Prometheus-style sender: " + phase1 + " (2 alerts each) to all 3 replicas, re-sent every "
        + PrometheusSender.RESEND_DELAY.toSeconds() + " s with endsAt = now + " + PrometheusSender.HORIZON.toSeconds() + " s");
    waitFor("the first groups at the webhook", Duration.ofSeconds(20),
        () -> BEFORE_KILL.stream().allMatch(g -> sink.count(g) >= 1));
    table.event("first groups delivered; watching " + watch().toSeconds() + " s (re-sends go on) for duplicates");
    pause(watch());

    List<ReplicaProcess> survivors = replicas.subList(1, 3);
    // With claims (the default) the survivors sent their share of the first groups already.
    int sentBySurvivorsBefore = survivors.stream().mapToInt(r -> sink.fromSender(r.externalUrl())).sum();
    table.event("killing replica-1 (position 0) with SIGKILL; the sender keeps trying it, as Prometheus would");
    first.kill();
    prometheus.fire(AFTER_KILL);
    table.event("new alerts " + AFTER_KILL + " join the re-sends");
    waitFor("the groups created after the kill", Duration.ofSeconds(40),
        () -> AFTER_KILL.stream().allMatch(g -> sink.count(g) >= 1));
    table.event("post-kill groups delivered; watching " + watch().toSeconds() + " s for duplicates");
    pause(watch());

    prometheus.resolve(RESOLVED);
    table.event(RESOLVED + " stops firing: sent once more with endsAt = now");
    waitFor("the resolved notification of " + RESOLVED, Duration.ofSeconds(30), () -> sink.resolvedCount(RESOLVED) >= 1);
    table.event(RESOLVED + " resolved notification delivered; watching " + watch().toSeconds() + " s for duplicates");
    pause(watch());
    prometheus.close();
    table.event("sender: " + prometheus.sends() + " sends to replicas, " + prometheus.failedSends()
        + " failed (to the killed replica)");
    return new Verdict(sink.counts(),
        survivors.stream().mapToInt(r -> sink.fromSender(r.externalUrl())).sum() - sentBySurvivorsBefore,
        sink.resolvedCounts());
  }

  /** Long enough for the last position to have decided: 2 × peer timeout plus a margin. */
  private static Duration watch() {
    return PEER_TIMEOUT.multipliedBy(2).plusSeconds(2);
  }

  private List<String> flags(ReplicaProcess r, Path dir, Path config, String label, List<String> peers) {
    // Timings: the api's loopback preset (ClusterConfig.loopback()), as the tests use; only the
    // wait per rank (claims) or position (--cluster.peer-timeout) is the demo's own.
    List<String> f = new ArrayList<>(List.of(
        "--cluster.preset=loopback",
        "--cluster.peer-name=" + r.name,
        "--cluster.label=" + label,
        "--cluster.peer-timeout=" + PEER_TIMEOUT.toMillis() + "ms",
        "--storage.path=" + dir.resolve(r.name),
        "--config.file=" + config));
    f.addAll(ReplicaProcess.LISTEN_ANYWHERE);
    f.addAll(peers);
    return f;
  }

  private static void waitFor(String what, Duration limit, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  private synchronized void stopAll() {
    if (prometheus != null) {
      prometheus.close();
    }
    replicas.forEach(ReplicaProcess::kill);
    if (sink != null) {
      sink.close();
    }
  }

  private static List<String> tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(no log: " + e.getMessage() + ")");
    }
  }
}
