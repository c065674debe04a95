package org.alertcluster.benchmarks.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica started by the distribution's launcher, as a user runs it: its class-data-sharing
 * archive is recorded by a run that served and reused after, and its default heap holds what
 * {@code amtool silence import} brings. Every process started is killed by PID when a test ends.
 */
class LauncherReplicaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path AMTOOL = Path.of("/usr/bin/amtool");

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void killStarted() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Path unpack() throws Exception {
    return BuiltTarball.unpackInto(dir.resolve("dist"));
  }

  /** A replica with clustering on (alone), as bin/alertcluster-node starts it. */
  private final class Replica {
    final int web;
    final Process process;
    final Path log;

    Replica(Path home, String name, String... env) throws IOException {
      web = freePort();
      Path storage = Files.createDirectories(dir.resolve("data-" + name));
      Path config = dir.resolve("alertmanager.yml");
      if (!Files.exists(config)) {
        Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
      }
      log = dir.resolve("replica-" + name + ".log");
      ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/alertcluster-node").toString(),
          "--config.file=" + config, "--storage.path=" + storage, "--web.listen-address=127.0.0.1:" + web,
          "--cluster.listen-address=127.0.0.1:" + freePort())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      for (int i = 0; i + 1 < env.length; i += 2) {
        pb.environment().put(env[i], env[i + 1]);
      }
      process = pb.start();
      started.add(process);
      await("API of replica " + name + " (log " + log + ")").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(process.isAlive()).as("replica %s running; log:%n%s", name, readLog()).isTrue();
            return get("/-/healthy").status() == 200;
          });
    }

    String api() {
      return "http://127.0.0.1:" + web;
    }

    Answer get(String path) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api() + path))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
      } catch (IOException e) {
        return new Answer(-1, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(-1, e.toString());
      }
    }

    /** SIGTERM, as an operator stops it; the JVM writes its CDS archive on the way out. */
    void stop() throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("replica stopped after SIGTERM").isTrue();
    }

    String readLog() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return e.toString();
      }
    }

    String jvmArgs() throws IOException {
      return Files.readString(Path.of("/proc/" + process.pid() + "/cmdline")).replace('\0', ' ');
    }
  }

  /** amtool compares the server's version with its own: a packaged replica must know its version. */
  @Test
  void launcherReportsTheProjectVersionNotDev() throws Exception {
    Path home = unpack();
    String version = home.getFileName().toString().substring("alertcluster-node-".length());
    assertThat(run(home, "--version")).as("--version of the packaged replica")
        .contains("alertcluster-node, version " + version + " ").doesNotContain("version dev");
  }

  @Test
  void cdsArchiveIsRecordedByARunThatServedAndMappedByTheNextAndRecordedAgainWhenAJarChanges() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to read the replica's command line");
    Path home = unpack();
    Path archive = home.resolve("lib/alertcluster-node.jsa");

    run(home, "--help");
    assertThat(archive).as("--help records no archive").doesNotExist();

    Replica first = new Replica(home, "first");
    assertThat(first.jvmArgs()).contains("-XX:ArchiveClassesAtExit=" + archive);
    first.stop();
    assertThat(archive).as("archive written when the first replica stopped").isRegularFile();
    assertThat(Files.size(archive)).as("archive size").isGreaterThan(4L << 20);

    Replica second = new Replica(home, "second");
    assertThat(second.jvmArgs()).contains("-XX:SharedArchiveFile=" + archive);
    assertThat(Files.readString(Path.of("/proc/" + second.process.pid() + "/maps")))
        .as("the JVM mapped the archive").contains(archive.toString());
    assertThat(Files.readString(home.resolve("lib/alertcluster-node.jsa.id"))).endsWith("served\n");
    second.stop();

    // A jar replaced in place (an upgrade): the old archive cannot be used, so it is recorded again.
    Path jar;
    try (Stream<Path> s = Files.list(home.resolve("lib"))) {
      jar = s.filter(p -> p.getFileName().toString().startsWith("re2j-")).findFirst().orElseThrow();
    }
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
    Replica third = new Replica(home, "third");
    assertThat(third.jvmArgs()).contains("-XX:ArchiveClassesAtExit=" + archive);
    third.stop();
    assertThat(third.readLog()).as("no CDS notes in the replica's log").doesNotContain("[cds");
  }

  /**
   * Replicas started together from one unpack (the README's three on loopback): one records, the
   * others run without the archive meanwhile instead of deleting and rewriting it; a recorder killed
   * before it could write the archive leaves a lock the next start takes over.
   */
  @Test
  void replicasStartedTogetherLetOneRecordTheArchive() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to read the replica's command line");
    Path home = unpack();
    Path archive = home.resolve("lib/alertcluster-node.jsa");

    Replica killed = new Replica(home, "killed");
    assertThat(killed.jvmArgs()).contains("-XX:ArchiveClassesAtExit=" + archive);
    killed.process.destroyForcibly(); // SIGKILL: no archive, the lock stays behind
    killed.process.waitFor(30, TimeUnit.SECONDS);
    assertThat(home.resolve("lib/alertcluster-node.jsa.lock")).isDirectory();

    Replica recorder = new Replica(home, "recorder");
    assertThat(recorder.jvmArgs()).as("the stale lock taken over").contains("-XX:ArchiveClassesAtExit=" + archive);
    Replica other = new Replica(home, "other");
    assertThat(other.jvmArgs()).as("while another records").doesNotContain("ArchiveClassesAtExit")
        .doesNotContain("SharedArchiveFile");
    other.stop();
    recorder.stop();

    Replica next = new Replica(home, "next");
    assertThat(next.jvmArgs()).contains("-XX:SharedArchiveFile=" + archive);
    assertThat(home.resolve("lib/alertcluster-node.jsa.lock")).as("lock removed once the archive is used")
        .doesNotExist();
    next.stop();
  }

  @Test
  void defaultHeapHolds3000SilencesImportedByAmtool() throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool not installed at " + AMTOOL + " (Debian: prometheus-alertmanager)");
    Path home = unpack();
    Replica r = new Replica(home, "import", "ALERTCLUSTER_CDS", "off");
    int n = 3000;
    Path file = dir.resolve("silences.json");
    Files.writeString(file, silences(n));
    Process amtool = new ProcessBuilder(AMTOOL.toString(), "silence", "import", "--alertmanager.url=" + r.api() + "/",
        file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("amtool.log").toFile()).start();
    started.add(amtool);
    assertThat(amtool.waitFor(120, TimeUnit.SECONDS)).as("amtool finished").isTrue();
    assertThat(amtool.exitValue()).as("amtool exit code; output:%n%s", Files.readString(dir.resolve("amtool.log")))
        .isZero();
    JsonNode all = JSON.readTree(r.get("/api/v2/silences").body());
    assertThat(all.size()).isEqualTo(n);
    assertThat(r.process.isAlive()).isTrue();

    // Live heap after a full collection, against the launcher's -Xmx64m.
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    assumeTrue(Files.isExecutable(jcmd), "no jcmd in " + jcmd.getParent());
    run(null, jcmd.toString(), Long.toString(r.process.pid()), "GC.run");
    String info = run(null, jcmd.toString(), Long.toString(r.process.pid()), "GC.heap_info");
    long used = 0;
    Matcher m = Pattern.compile("(?:def new|tenured) generation\\s+total \\d+K, used (\\d+)K").matcher(info);
    while (m.find()) {
      used += Long.parseLong(m.group(1));
    }
    assertThat(used).as("heap used (KB) in:%n%s", info).isPositive();
    System.out.printf("LauncherReplicaTest: %d silences imported by amtool; live heap %.1f MB of the launcher's"
        + " 64 MB%n", n, used / 1024.0);
    assertThat(used).as("live heap (KB) with %d silences leaves at least half of -Xmx64m free", n)
        .isLessThan(32 * 1024);
    assertThat(r.readLog()).doesNotContain("OutOfMemoryError");
  }

  private static String silences(int n) {
    Instant now = Instant.now();
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < n; k++) {
      b.append(k == 0 ? "" : ",").append("{\"matchers\":[{\"name\":\"job\",\"value\":\"import\",\"isRegex\":false,"
          + "\"isEqual\":true},{\"name\":\"instance\",\"value\":\"host-").append(k).append(".*\",\"isRegex\":true,"
          + "\"isEqual\":true}],\"startsAt\":\"").append(now).append("\",\"endsAt\":\"")
          .append(now.plus(Duration.ofHours(2))).append("\",\"createdBy\":\"test\",\"comment\":\"imported ")
          .append(k).append("\"}");
    }
    return b.append(']').toString();
  }

  /** Runs a command to its end: the launcher with {@code args} when {@code home} is given. */
  private String run(Path home, String... args) throws IOException, InterruptedException {
    List<String> cmd = home == null ? List.of(args) : launcherCommand(home, args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    started.add(p);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    assertThat(p.exitValue()).as("exit code of %s; output:%n%s", cmd, out).isZero();
    return out;
  }

  private static List<String> launcherCommand(Path home, String... args) {
    List<String> c = new ArrayList<>();
    c.add(home.resolve("bin/alertcluster-node").toString());
    c.addAll(List.of(args));
    return c;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /** A status and body; status -1 when the request did not reach the server. */
  private record Answer(int status, String body) {}
}
