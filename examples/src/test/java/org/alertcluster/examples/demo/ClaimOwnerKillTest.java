package org.alertcluster.examples.demo;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.alertcluster.examples.TestNodes.alert;
import static org.alertcluster.examples.TestNodes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.api.Member;
import org.alertcluster.api.Rendezvous;
import org.alertcluster.examples.ThreeReplicas;
import org.alertcluster.examples.WebhookSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the replica that owns a group is killed with SIGKILL while the receiver fails. Three
 * replica processes (the runnable node, as an operator starts it); after the receiver recovers the
 * group is delivered exactly once, by the survivor that ranks first for it, and nothing is lost.
 */
class ClaimOwnerKillTest {

  @TempDir
  Path dir;
  private final List<ReplicaProcess> replicas = new ArrayList<>();
  private WebhookSink sink;

  @AfterEach
  void stop() {
    replicas.forEach(ReplicaProcess::kill); // by their Process handles, also when the test failed
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void ownerKilledWhileTheReceiverFailsGivesOneDeliveryFromTheNextInRank() throws Exception {
    sink = new WebhookSink();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, ThreeReplicas.ROUTE.formatted(sink.url()));
    String label = ThreeReplicas.label("kill");
    List<String> seed = List.of();
    for (String name : ThreeReplicas.NAMES) {
      ReplicaProcess r = new ReplicaProcess(name, dir.resolve(name + ".log"));
      replicas.add(r);
      List<String> flags = new ArrayList<>(ThreeReplicas.flags(label, name));
      flags.addAll(ReplicaProcess.LISTEN_ANYWHERE);
      flags.addAll(List.of("--storage.path=" + dir.resolve(name), "--config.file=" + config));
      flags.addAll(seed);
      r.start(flags);
      if (seed.isEmpty()) { // the others join the first, once it says where it listens
        r.awaitListening(Duration.ofSeconds(60));
        seed = List.of("--cluster.peer=" + r.clusterAddress());
      }
    }
    for (ReplicaProcess r : replicas) {
      r.awaitListening(Duration.ofSeconds(60));
    }
    await().atMost(90, SECONDS).pollInterval(200, java.util.concurrent.TimeUnit.MILLISECONDS)
        .until(() -> replicas.stream().allMatch(r -> ThreeReplicas.ready(r.api(), 3)));

    String key = ThreeReplicas.groupKey("Killed");
    ReplicaProcess owner = first(key, replicas);
    List<ReplicaProcess> survivors = replicas.stream().filter(r -> r != owner).toList();
    sink.failing(true);
    for (ReplicaProcess r : replicas) {
      assertThat(post(r.api() + "/api/v2/alerts", "[" + alert("Killed", "a") + "]").status())
          .isEqualTo(200);
    }
    // The owner is retrying under its claim; the others defer.
    await().atMost(30, SECONDS).until(() -> sink.failedSenders().contains(owner.externalUrl()));
    owner.kill();
    int failedAtKill = sink.failedSenders().size();
    await().atMost(30, SECONDS).until(() -> survivors.stream().allMatch(r -> ThreeReplicas.ready(r.api(), 2)));
    ReplicaProcess next = first(key, survivors);
    // A survivor (the next in the group's ranking) takes over and retries under its own claim.
    List<String> survivorUrls = survivors.stream().map(ReplicaProcess::externalUrl).toList();
    await().atMost(30, SECONDS).until(() -> {
      List<String> failed = sink.failedSenders();
      return failed.subList(failedAtKill, failed.size()).stream().anyMatch(survivorUrls::contains);
    });
    sink.failing(false);
    await().atMost(30, SECONDS).until(() -> sink.count(key) >= 1);
    await().during(2, SECONDS).atMost(5, SECONDS).until(() -> sink.count(key) == 1);
    // Delivered once, by a survivor: normally the next in rank, which the other one deferred to.
    assertThat(sink.senders(key)).hasSize(1).isSubsetOf(survivorUrls);
    System.out.println("ClaimOwnerKillTest: delivered by " + sink.senders(key) + " (next in rank "
        + next.externalUrl() + "); failed attempts by " + sink.failedSenders());
  }

  /** The replica ranking first for the key among these, by the api's rendezvous hash of names. */
  private static ReplicaProcess first(String key, List<ReplicaProcess> among) {
    List<Member> members = among.stream().map(r -> new Member(r.name, r.clusterAddress())).toList();
    String name = Rendezvous.rank(key, members).get(0).name();
    return among.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
  }
}
