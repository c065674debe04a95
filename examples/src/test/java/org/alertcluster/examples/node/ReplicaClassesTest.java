package org.alertcluster.examples.node;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.spitests.support.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a serving replica keeps out of memory (issue 12, idle resident memory): each of these loaded
 * hundreds of classes, a few MB resident per replica, that a replica serving its API does not need.
 * The replica runs as a process ({@link Main}) with the JVM's class-load log, on a class path that
 * holds Jackson data binding (the tests use it), and serves every API route once, bad input included.
 * When this fails, the log ({@code classes.log} in the test's directory) shows the class and, above it,
 * what loaded it.
 */
class ReplicaClassesTest {

  @TempDir
  Path dir;

  @Test
  void aServingReplicaLoadsNoDataBindingNoMBeanServerAndNoTlsUntilItNotifies() throws Exception {
    Path cfg = dir.resolve("alertmanager.yml");
    // A webhook receiver that is not notified during the test (group_wait 1h): its HTTP client, and
    // with it the JDK's TLS stack, is built at the first notification.
    Files.writeString(cfg, TestNodes.config("http://127.0.0.1:9/unused").replace("group_wait: 1s", "group_wait: 1h"));
    Path classes = dir.resolve("classes.log");
    int web = FreePorts.next();
    Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-Dalertcluster-ci-fork=true", "-Djava.net.preferIPv4Stack=true", "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--cluster.listen-address=127.0.0.1:0", "--cluster.settle-timeout=0s",
        "--web.listen-address=127.0.0.1:" + web, "--storage.path=" + dir.resolve("data"), "--config.file=" + cfg)
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    try {
      String api = "http://127.0.0.1:" + web + "/api/v2";
      await().atMost(30, SECONDS).ignoreExceptions().until(() -> TestNodes.get(api + "/status").status() == 200);

      TestNodes.Response posted = TestNodes.post(api + "/silences", TestNodes.silence("Quiet"));
      assertThat(posted.status()).as(posted.body()).isEqualTo(200);
      String id = posted.json().path("silenceID").asText();
      assertThat(TestNodes.get(api + "/silence/" + id).status()).isEqualTo(200);
      assertThat(TestNodes.get(api + "/silences").body()).contains(id);
      assertThat(TestNodes.post(api + "/alerts", "[" + TestNodes.alert("Quiet", "a") + "]").status()).isEqualTo(200);
      assertThat(TestNodes.get(api + "/alerts").body()).contains("\"silencedBy\":[\"" + id + "\"]");
      assertThat(TestNodes.get(api + "/alerts/groups").status()).isEqualTo(200);
      assertThat(TestNodes.get(api + "/receivers").body()).isEqualTo("[{\"name\":\"hook\"}]");
      assertThat(TestNodes.get(api + "/cluster/stats").status()).isEqualTo(200);
      assertThat(TestNodes.post(api + "/silences", "{\"matchers\": [").body()).startsWith("\"request body is not valid JSON");
      assertThat(TestNodes.post(api + "/silences", "{}").body()).isEqualTo("\"matchers in body is required\"");
      assertThat(TestNodes.delete(api + "/silence/" + id).status()).isEqualTo(200);

      String log = Files.readString(classes, StandardCharsets.UTF_8);
      assertThat(log).as("the class-load log").contains("org.alertcluster.examples.api.SilenceJson ");
      for (String absent : List.of("com.fasterxml.jackson.databind.", "com.sun.jmx.mbeanserver.JmxMBeanServer ",
          "sun.security.ssl.SSLContextImpl ")) {
        assertThat(log.lines().filter(l -> l.contains("] " + absent)).findFirst())
            .as("%s loaded (see %s)", absent, classes).isEmpty();
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(30, SECONDS);
    }
  }
}
