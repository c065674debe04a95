package org.alertcluster.examples.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.WebhookSink;
import org.alertcluster.examples.ThreeReplicas;

/**
 * Duplicates per 100 receiver outages, measured in one run for: alertcluster with claims (the
 * default), alertcluster with Alertmanager's position staggering, and Alertmanager itself
 * (/usr/bin/prometheus-alertmanager, when installed). Not a test (timing-dependent); run with
 * <pre>
 *   mvn -B -q -pl examples -am test-compile -DskipTests
 *   java -cp "$(cat examples/target/bench.cp):examples/target/classes:examples/target/test-classes" \
 *     org.alertcluster.examples.bench.OutageDuplicatesBench [outages] [groupsPerOutage]
 * </pre>
 * Scenario per outage, for each system in turn: three replicas ({@link ThreeReplicas}: peer
 * timeout 500 ms, group_wait 200 ms, group_interval 30 s), a webhook that answers 500; {@code groupsPerOutage} new alerts
 * (one group each) posted to all three replicas; after {@code OUTAGE} the webhook answers 200; then
 * the successful deliveries of each group are counted once the system was quiet for {@code QUIET}.
 * A group delivered k times counts k − 1 duplicates; a group never delivered counts as missing.
 */
public final class OutageDuplicatesBench {

  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final Duration QUIET = Duration.ofSeconds(4);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private OutageDuplicatesBench() {}

  /** One system under test: three replicas' API base URLs. */
  private interface Cluster extends AutoCloseable {
    List<String> bases();

    @Override
    void close();
  }

  public static void main(String[] args) throws Exception {
    int outages = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int groups = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path dir = Files.createTempDirectory("outage-bench");
    List<String> lines = new ArrayList<>();
    for (String system : List.of("alertcluster-claim", "alertcluster-position", "alertmanager")) {
      try (WebhookSink sink = new WebhookSink()) {
        Cluster cluster = switch (system) {
          case "alertcluster-claim" -> alertcluster(dir.resolve(system), sink, "claim");
          case "alertcluster-position" -> alertcluster(dir.resolve(system), sink, "position");
          default -> alertmanager(dir.resolve(system), sink);
        };
        if (cluster == null) {
          lines.add(String.format("%-22s skipped: /usr/bin/prometheus-alertmanager not installed", system));
          continue;
        }
        try (cluster) {
          lines.add(run(system, cluster, sink, outages, groups));
          System.out.println(lines.get(lines.size() - 1));
        }
      }
    }
    System.out.println();
    System.out.println("Per " + outages * groups + " group outages (" + outages + " outages x "
        + groups + " groups, outage " + OUTAGE.toMillis() + " ms):");
    lines.forEach(System.out::println);
  }

  private static String run(String system, Cluster cluster, WebhookSink sink, int outages,
      int groups) throws Exception {
    int duplicates = 0;
    int missing = 0;
    int worst = 0;
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (int o = 0; o < outages; o++) {
      sink.failing(true);
      List<String> keys = new ArrayList<>();
      StringBuilder batch = new StringBuilder("[");
      for (int g = 0; g < groups; g++) {
        String name = "Out" + run + "_" + o + "_" + g;
        keys.add("{}:{alertname=\"" + name + "\"}");
        batch.append(g == 0 ? "" : ",").append(TestNodes.alert(name, "a"));
      }
      batch.append(']');
      for (String base : cluster.bases()) {
        post(base + "/api/v2/alerts", batch.toString());
      }
      Thread.sleep(OUTAGE.toMillis());
      sink.failing(false);
      long quietSince = System.nanoTime();
      int last = sink.received().size();
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(100);
        int now = sink.received().size();
        if (now != last) {
          last = now;
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > QUIET.toNanos()
            && keys.stream().allMatch(k -> sink.count(k) > 0)) {
          break;
        }
      }
      for (String k : keys) {
        long n = sink.count(k);
        if (n == 0) {
          missing++;
        } else {
          duplicates += (int) (n - 1);
          worst = Math.max(worst, (int) n);
        }
      }
    }
    int total = outages * groups;
    return String.format("%-22s duplicates %3d per %d group outages (%.1f per 100), missing %d, "
        + "most deliveries of one group %d", system, duplicates, total, 100.0 * duplicates / total,
        missing, worst);
  }

  private static Cluster alertcluster(Path dir, WebhookSink sink, String strategy) throws Exception {
    ThreeReplicas replicas = ThreeReplicas.start(dir, sink.url(),
        "--cluster.notification-strategy=" + strategy);
    return new Cluster() {
      @Override
      public List<String> bases() {
        return replicas.bases();
      }

      @Override
      public void close() {
        replicas.close();
      }
    };
  }

  private static Cluster alertmanager(Path dir, WebhookSink sink) throws Exception {
    Path binary = Path.of("/usr/bin/prometheus-alertmanager");
    if (!Files.isExecutable(binary)) {
      return null;
    }
    Files.createDirectories(dir);
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, ThreeReplicas.ROUTE.formatted(sink.url()));
    List<Process> processes = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    String seed = null;
    try {
      for (int i = 0; i < 3; i++) {
        int web = org.alertcluster.spitests.support.FreePorts.next();
        int cluster = org.alertcluster.spitests.support.FreePorts.next();
        Path storage = Files.createDirectories(dir.resolve("data" + i));
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--config.file=" + config,
            "--storage.path=" + storage, "--web.listen-address=127.0.0.1:" + web,
            "--cluster.listen-address=127.0.0.1:" + cluster, "--cluster.peer-timeout=500ms",
            "--cluster.settle-timeout=10s", "--log.level=warn"));
        if (seed != null) {
          cmd.add("--cluster.peer=" + seed);
        } else {
          seed = "127.0.0.1:" + cluster;
        }
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("am" + i + ".log").toFile()).start());
        bases.add("http://127.0.0.1:" + web);
      }
      awaitReady(bases);
    } catch (Exception e) {
      processes.forEach(Process::destroyForcibly);
      throw e;
    }
    return new Cluster() {
      @Override
      public List<String> bases() {
        return bases;
      }

      @Override
      public void close() {
        for (Process p : processes) {
          p.destroy();
        }
        for (Process p : processes) {
          try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
              p.destroyForcibly();
            }
          } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        }
      }
    };
  }

  /** Waits (at most 60 s) until every replica reports a ready cluster of three. */
  private static void awaitReady(List<String> bases) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < end) {
      if (bases.stream().allMatch(b -> ThreeReplicas.ready(b, 3))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("cluster " + bases + " not ready within 60 s");
  }

  private static void post(String url, String json) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("POST " + url + " -> " + r.statusCode() + " " + r.body());
    }
  }
}
