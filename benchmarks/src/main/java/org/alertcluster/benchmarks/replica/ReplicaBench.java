package org.alertcluster.benchmarks.replica;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.alertcluster.benchmarks.BenchmarkMain;
import org.alertcluster.benchmarks.report.LoadAverage;
import org.alertcluster.benchmarks.report.Report;
import org.alertcluster.benchmarks.report.Samples;

/**
 * Three alertcluster replicas (the distribution's {@code bin/alertcluster-node}) against three
 * Alertmanager 0.25 processes, driven by the same code through the HTTP API on 127.0.0.1: silence
 * round trip, visibility on the last replica, a 500-silence burst, idle memory with 550 silences,
 * a SIGKILLed member out of the peer lists, a restart with empty storage.
 */
public final class ReplicaBench {

  private static final String SECTION = "replica";
  private static final String AM = "Alertmanager 0.25";
  private final Report report;
  private final BenchmarkMain.Options options;
  private final Http http = new Http();
  private final int visibilitySamples;
  private final int burst;
  private final int extraVisibilitySamples;

  /** What one system measured. */
  private static final class Result {
    final Map<String, Double> figures = new LinkedHashMap<>();
    final Map<String, String> notes = new LinkedHashMap<>();
    Samples rtt;
    Samples visible;
    final List<Breakdown> slowest = new ArrayList<>();
  }

  public ReplicaBench(Report report, BenchmarkMain.Options options) {
    this.report = report;
    this.options = options;
    this.visibilitySamples = options.quick() ? 20 : 50;
    this.burst = options.quick() ? 200 : 500;
    this.extraVisibilitySamples = options.quick() ? 30 : 150;
  }

  /** Runs both systems and reports; with {@code --tls}, both again with mutual TLS between peers. */
  public void run() throws Exception {
    Path work = options.out().resolve("work-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(work);
    Path launcher = unpackDistribution(work);
    Path amBinary = ensureAlertmanager(options.alertmanager());
    List<Variant> variants = new ArrayList<>();
    for (boolean tls : options.tls() ? new boolean[] {false, true} : new boolean[] {false}) {
      String suffix = tls ? "-mtls" : "";
      Result ac;
      try (Fleet f = new ReplicaFleet(launcher, work.resolve("replica" + suffix), 3)) {
        if (tls) {
          f.useMutualTls();
        } else {
          warmUp(f);
        }
        ac = measure(f);
      }
      Result am = null;
      if (amBinary != null) {
        try (Fleet f = new AlertmanagerFleet(amBinary, work.resolve("alertmanager" + suffix), 3)) {
          if (tls) {
            f.useMutualTls();
          }
          am = measure(f);
        }
      }
      variants.add(new Variant(tls ? ", mutual TLS between peers (both)" : "", ac, am));
    }
    report(variants);
  }

  /** One configuration both systems ran in: plaintext, or mutual TLS between peers. */
  private record Variant(String label, Result ac, Result am) {
    double baseline(String key) {
      return am == null ? Double.NaN : am.figures.getOrDefault(key, Double.NaN);
    }

    double baseline(java.util.function.ToDoubleFunction<Result> f) {
      return am == null ? Double.NaN : f.applyAsDouble(am);
    }

    String note(String key) {
      return String.join("; ", Stream.of(ac.notes.get(key), am == null ? null : am.notes.get(key))
          .filter(x -> x != null).toList());
    }
  }

  /** Every figure, each followed by its mutual-TLS row when measured. */
  private void report(List<Variant> variants) {
    int total = visibilitySamples + burst;
    for (Variant v : variants) {
      report.plain(SECTION, "3 members all ready, from launch" + v.label, "s", v.ac.figures.get("ready"),
          v.baseline("ready"), AM, true, "");
    }
    for (Variant v : variants) {
      report.plain(SECTION, "POST /api/v2/silences round trip p50" + v.label, "ms", v.ac.rtt.percentile(50),
          v.baseline(r -> r.rtt.percentile(50)), AM, true, v.ac.rtt.size() + " POSTs");
    }
    for (Variant v : variants) {
      report.ratio(SECTION, "POST /api/v2/silences round trip p99" + v.label, "ms", v.ac.rtt.percentile(99),
          v.baseline(r -> r.rtt.percentile(99)), AM, true, 1.0, "target: <= Alertmanager's");
    }
    for (Variant v : variants) {
      report.plain(SECTION, "silence visible on the last replica p50" + v.label, "ms", v.ac.visible.percentile(50),
          v.baseline(r -> r.visible.percentile(50)), AM, true,
          (visibilitySamples + extraVisibilitySamples) + " silences, 20 ms apart");
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "silence visible on the last replica p99" + v.label, "ms",
          v.ac.visible.percentile(99), v.baseline(r -> r.visible.percentile(99)), AM, true, 10, "");
    }
    for (Variant v : variants) {
      report.absolute(SECTION, burst + " silences back to back: all on every replica, after the last POST" + v.label,
          "ms", v.ac.figures.get("burst"), v.baseline("burst"), AM, true, 200, v.note("burst"));
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "idle resident memory per replica (" + total + " silences)" + v.label, "MB",
          v.ac.figures.get("rss"), v.baseline("rss"), AM, true, 64, v.note("rss"));
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "SIGKILLed replica out of the others' peer lists" + v.label, "ms",
          v.ac.figures.get("killed"), v.baseline("killed"), AM, true, 1000, "");
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "restarted with empty storage: API answers (from process start)" + v.label, "ms",
          v.ac.figures.get("api"), v.baseline("api"), AM, true, 500, "");
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "restarted with empty storage: holds all " + total + " silences" + v.label, "ms",
          v.ac.figures.get("holds"), v.baseline("holds"), AM, true, 500, v.note("holds"));
    }
    for (Variant v : variants) {
      report.absolute(SECTION, "restarted replica ready" + v.label, "ms", v.ac.figures.get("restartReady"),
          v.baseline("restartReady"), AM, true, 1500, "");
    }
    for (Variant v : variants) {
      String tls = v.label.isEmpty() ? "" : ", mutual TLS";
      if (v.am != null) {
        report.panel("POST /api/v2/silences round trip (ms)" + tls, v.ac.rtt, v.am.rtt);
        report.panel("silence visible on the last replica (ms)" + tls, v.ac.visible, v.am.visible);
      } else {
        report.panel("POST /api/v2/silences round trip (ms)" + tls, v.ac.rtt);
        report.panel("silence visible on the last replica (ms)" + tls, v.ac.visible);
      }
    }
  }

  private Result measure(Fleet f) throws Exception {
    System.out.println("-- " + f.name + (f.mutualTls() ? " with mutual TLS between peers" : "") + " in " + f.dir);
    Result r = new Result();
    String kind = f instanceof ReplicaFleet ? "alertcluster replica" : AM;
    r.rtt = new Samples(kind);
    r.visible = new Samples(kind);
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      f.start(i);
    }
    if (!awaitUntil(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 3; i++) {
        f.restartIfPortTaken(i);
      }
      for (int i = 0; i < 3; i++) {
        if (peers(f, i) != 3 || !ready(f, i)) {
          return false;
        }
      }
      return true;
    })) {
      throw new IllegalStateException(f.name + ": the 3 members were not all ready with 3 peers within 60 s; see "
          + f.dir + "/member-*.log");
    }
    r.figures.put("ready", (System.nanoTime() - t0) / 1e9);
    System.out.printf("   all ready in %.2f s; %s%n", r.figures.get("ready"), LoadAverage.now());

    String run = UUID.randomUUID().toString().substring(0, 8);
    // Visibility, first part (the rest after the restart, so that memory and restart see 550 silences).
    visibility(f, r, run, 0, visibilitySamples);

    // Burst: back to back on one keep-alive connection.
    int total = visibilitySamples + burst;
    String lastId = null;
    for (int k = 0; k < burst; k++) {
      long s = System.nanoTime();
      Http.Answer a = http.post(f.api(0) + "/api/v2/silences", silence("burst-" + run, k));
      r.rtt.add((System.nanoTime() - s) / 1e6);
      if (a.status() != 200) {
        throw new IllegalStateException(f.name + ": POST silence answered " + a.status() + ": " + a.body());
      }
      lastId = a.json().path("silenceID").asText();
    }
    long lastPost = System.nanoTime();
    Duration cap = options.quick() ? Duration.ofSeconds(20) : Duration.ofSeconds(100);
    String last = lastId;
    boolean all = awaitUntil(cap, () -> {
      for (int i = 0; i < 3; i++) {
        if (http.get(f.api(i) + "/api/v2/silence/" + last).status() != 200) {
          return false;
        }
      }
      for (int i = 0; i < 3; i++) {
        if (count(f, i) < total) {
          return false;
        }
      }
      return true;
    });
    r.figures.put("burst", all ? (System.nanoTime() - lastPost) / 1e6 : cap.toMillis());
    if (!all) {
      r.notes.put("burst", f.name + ": not all within " + cap.toSeconds() + " s (value is the cap)");
    }
    System.out.printf("   burst on all after %.0f ms%n", r.figures.get("burst"));

    // Idle memory.
    Thread.sleep(options.quick() ? 3_000 : 10_000);
    double rss = 0;
    double max = 0;
    for (int i = 0; i < 3; i++) {
      double m = f.rssMb(i);
      rss += m / 3;
      max = Math.max(max, m);
    }
    r.figures.put("rss", rss);
    r.notes.put("rss", f.name + " max " + Report.fmt(max) + " MB");
    System.out.printf("   idle RSS mean %.1f MB, max %.1f MB%n", rss, max);

    // SIGKILL member 1.
    f.kill(1);
    long k0 = System.nanoTime();
    boolean gone = awaitUntil(Duration.ofSeconds(30), () -> peers(f, 0) == 2 && peers(f, 2) == 2);
    r.figures.put("killed", gone ? (System.nanoTime() - k0) / 1e6 : Double.NaN);
    System.out.printf("   killed member out after %.0f ms%n", r.figures.get("killed"));

    // Restart member 1 with empty storage. Each event is polled on its own thread and client, so a
    // poll for one does not delay the others. "API answers" and "ready" are stamped when the answer
    // arrived: the replica binds its port before it serves, so a request sent earlier waits in the
    // listen backlog and its start says nothing. "Holds all" is stamped at the start of the listing
    // that showed every silence (the replica held them when it served it), but never before the API
    // answered; the listing's own duration is printed beside it.
    f.wipe(1);
    f.start(1);
    long s0 = f.startedAtNanos[1];
    double[] holdsGetMs = {Double.NaN};
    var api = java.util.concurrent.CompletableFuture.supplyAsync(() -> pollUntil(s0,
        () -> http.get(f.api(1) + "/-/healthy").status() == 200));
    var holds = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      Http own = new Http();
      return pollUntil(s0, () -> {
        long g0 = System.nanoTime();
        boolean held = count(own, f, 1) >= total;
        holdsGetMs[0] = (System.nanoTime() - g0) / 1e6;
        return held;
      });
    });
    var ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      Http own = new Http();
      return pollUntil(s0, () -> ready(own, f, 1));
    });
    double apiAt = api.join()[1];
    double[] times = {apiAt, Math.max(holds.join()[0], apiAt), ready.join()[1]};
    r.figures.put("api", times[0]);
    r.figures.put("holds", times[1]);
    r.figures.put("restartReady", times[2]);
    r.notes.put("holds", f.name + ": the GET that showed them took " + Report.fmt(holdsGetMs[0]) + " ms");
    System.out.printf("   restart: API %.0f ms, holds all %.0f ms (that GET took %.0f ms), ready %.0f ms; %s%n",
        times[0], times[1], holdsGetMs[0], times[2], LoadAverage.now());

    // Visibility, second part: more samples for the tail, on the healed cluster.
    visibility(f, r, run, visibilitySamples, extraVisibilitySamples);
    System.out.printf("   visible p50 %.1f ms p99 %.1f ms (%d samples); POST p50 %.2f ms p99 %.2f ms; %s%n",
        r.visible.percentile(50), r.visible.percentile(99), r.visible.size(), r.rtt.percentile(50),
        r.rtt.percentile(99), LoadAverage.now());
    r.slowest.forEach(b -> System.out.println("     slowest: " + b));
    return r;
  }

  /** POSTs on member 0 and polls member 2 until it has the silence; records round trip and visibility. */
  private void visibility(Fleet f, Result r, String run, int from, int count) {
    for (int k = from; k < from + count; k++) {
      long s = System.nanoTime();
      Http.Answer a = http.post(f.api(0) + "/api/v2/silences", silence("vis-" + run, k));
      long rttEnd = System.nanoTime();
      if (a.status() != 200) {
        throw new IllegalStateException(f.name + ": POST silence answered " + a.status() + ": " + a.body());
      }
      r.rtt.add((rttEnd - s) / 1e6);
      String id = a.json().path("silenceID").asText();
      long deadline = s + Duration.ofSeconds(30).toNanos();
      int polls = 0;
      long getStart;
      do {
        if (polls > 0) {
          LockSupport.parkNanos(200_000);
        }
        polls++;
        getStart = System.nanoTime();
      } while (http.get(f.api(2) + "/api/v2/silence/" + id).status() != 200 && getStart < deadline);
      long end = System.nanoTime();
      r.visible.add((end - s) / 1e6);
      r.slowest.add(new Breakdown(Instant.now(), (end - s) / 1e6, (rttEnd - s) / 1e6, polls,
          (end - getStart) / 1e6));
      r.slowest.sort((x, y) -> Double.compare(y.visibleMs(), x.visibleMs()));
      if (r.slowest.size() > 5) {
        r.slowest.remove(5);
      }
      LockSupport.parkNanos(20_000_000);
    }
  }

  /**
   * Where one visibility sample's time went: the POST's round trip, how many GETs of the last
   * replica it took, and the round trip of the GET that found it (the rest is propagation).
   */
  record Breakdown(Instant at, double visibleMs, double postMs, int polls, double lastGetMs) {
    @Override
    public String toString() {
      return String.format("%s visible %.1f ms = POST %.1f ms + %d GETs, the last %.1f ms", at, visibleMs,
          postMs, polls, lastGetMs);
    }
  }

  /** The first start of the distribution writes its class-data-sharing archive when it stops. */
  private void warmUp(Fleet f) throws Exception {
    f.start(0);
    awaitUntil(Duration.ofSeconds(30), () -> http.get(f.api(0) + "/-/healthy").status() == 200);
    f.stop(0);
    f.wipe(0);
  }

  /**
   * Polls every 5 ms for at most 60 s (three such pollers probe a restarting replica at once; a
   * tighter loop would take CPU from the start it measures).
   *
   * @return milliseconds from {@code s0} to the start and to the end of the first poll that
   *     succeeded, or NaN twice
   */
  private static double[] pollUntil(long s0, Check check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      long at = System.nanoTime();
      try {
        if (check.done()) {
          return new double[] {(at - s0) / 1e6, (System.nanoTime() - s0) / 1e6};
        }
      } catch (Exception e) {
        // not up yet
      }
      LockSupport.parkNanos(5_000_000);
    }
    return new double[] {Double.NaN, Double.NaN};
  }

  private int peers(Fleet f, int i) {
    Http.Answer a = http.get(f.api(i) + "/api/v2/status");
    if (a.status() != 200) {
      return -1;
    }
    JsonNode p = a.json().path("cluster").path("peers");
    return p.isArray() ? p.size() : -1;
  }

  /**
   * Ready as both report it in {@code /api/v2/status}: {@code cluster.status == "ready"} (Alertmanager's
   * {@code /-/ready} answers 200 before its cluster has settled, so it cannot be compared).
   */
  private boolean ready(Fleet f, int i) {
    return ready(http, f, i);
  }

  private static boolean ready(Http http, Fleet f, int i) {
    Http.Answer a = http.get(f.api(i) + "/api/v2/status");
    return a.status() == 200 && "ready".equals(a.json().path("cluster").path("status").asText());
  }

  private int count(Fleet f, int i) {
    return count(http, f, i);
  }

  private static int count(Http http, Fleet f, int i) {
    Http.Answer a = http.get(f.api(i) + "/api/v2/silences");
    if (a.status() != 200) {
      return -1;
    }
    JsonNode n = a.json();
    return n.isArray() ? n.size() : -1;
  }

  private static String silence(String job, int k) {
    Instant now = Instant.now();
    return "{\"matchers\":[{\"name\":\"job\",\"value\":\"" + job + "\",\"isRegex\":false,\"isEqual\":true},"
        + "{\"name\":\"instance\",\"value\":\"host-" + k + ".*\",\"isRegex\":true,\"isEqual\":true}],"
        + "\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plus(Duration.ofHours(2))
        + "\",\"createdBy\":\"bench\",\"comment\":\"benchmark silence " + k + "\"}";
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static boolean awaitUntil(Duration timeout, Check check) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (check.done()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  /** Unpacks the distribution tarball, as a user would, and returns its launcher. */
  private Path unpackDistribution(Path work) throws IOException, InterruptedException {
    Path tar = options.distribution();
    if (tar == null) {
      for (Path dir : List.of(Path.of("distribution/target"), Path.of("../distribution/target"))) {
        if (Files.isDirectory(dir)) {
          try (Stream<Path> s = Files.list(dir)) {
            tar = s.filter(p -> p.getFileName().toString().matches("alertcluster-node-.*\\.tar\\.gz"))
                .findFirst().orElse(null);
          }
        }
        if (tar != null) {
          break;
        }
      }
    }
    if (tar == null || !Files.isRegularFile(tar)) {
      throw new IllegalStateException("no distribution tarball: build it with `mvn -B -DskipTests -pl benchmarks"
          + " -am package` (distribution/target/alertcluster-node-*.tar.gz) or pass --distribution");
    }
    Path into = work.resolve("dist");
    Files.createDirectories(into);
    Process p = new ProcessBuilder("tar", "xzf", tar.toAbsolutePath().toString(), "-C", into.toString())
        .inheritIO().start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("cannot unpack " + tar);
    }
    try (Stream<Path> s = Files.list(into)) {
      Path home = s.findFirst().orElseThrow();
      return home.resolve("bin/alertcluster-node");
    }
  }

  /**
   * Alertmanager for the baseline: the given binary, or, when absent and running as root, Debian's
   * package installed through apt-get; otherwise null (that half is skipped, with a message). The
   * path {@code none} skips it on purpose (profiling runs of the replica alone).
   */
  static Path ensureAlertmanager(Path binary) throws Exception {
    if (binary.toString().equals("none")) {
      System.out.println("--alertmanager none: skipping the Alertmanager baseline.");
      return null;
    }
    if (Files.isExecutable(binary)) {
      return binary;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      System.out.println("Alertmanager not found at " + binary + " and not running as root with apt-get:"
          + " skipping the Alertmanager baseline (install Debian's prometheus-alertmanager).");
      return null;
    }
    System.out.println("Installing Debian's prometheus-alertmanager for the baseline...");
    List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends",
        "prometheus-alertmanager"));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      System.out.println("apt-get install prometheus-alertmanager failed: skipping the Alertmanager baseline.");
      return null;
    }
    // The Debian package starts a service of its own; it uses :9093/:9094, not our ports.
    return Files.isExecutable(binary) ? binary : null;
  }
}
