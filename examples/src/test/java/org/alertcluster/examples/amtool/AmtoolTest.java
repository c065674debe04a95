package org.alertcluster.examples.amtool;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.config.ConfigException;
import org.alertcluster.examples.config.ConfigLoader;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica against the real amtool 0.25 (Debian's {@code prometheus-alertmanager}). amtool reads
 * the configuration from {@code /api/v2/status} and routes with Alertmanager's own code, so where it
 * and the replica's dispatcher agree, the replica routes as Alertmanager would. Skipped, saying so,
 * when amtool is not installed.
 */
class AmtoolTest {

  @TempDir
  static Path dir;
  static Node node;
  static String url;

  static final String CONFIG = """
      route:
        receiver: default
        group_by: [alertname]
        group_wait: 1h
        routes:
          - matchers: ['severity="page"']
            receiver: pager
            continue: true
            routes:
              - match_re: {team: 'db|web'}
                receiver: dbpager
          - matchers: ['instance=~"node[[:digit:]]+"']
            receiver: nodes
      receivers: [{name: default}, {name: pager}, {name: dbpager}, {name: nodes}]
      inhibit_rules:
        - source_matchers: ['severity="page"']
          target_matchers: ['severity="warning"']
          equal: [cluster]
      """;

  static String amtool() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "amtool"))) {
        return Path.of(d, "amtool").toString();
      }
    }
    return null;
  }

  @BeforeAll
  static void start() throws Exception {
    assumeThat(amtool()).as("amtool is not installed (apt-get install prometheus-alertmanager); skipping the amtool tests").isNotNull();
    node = TestNodes.start(dir, CONFIG, "--cluster.listen-address=");
    url = "--alertmanager.url=" + TestNodes.base(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  record Run(int exit, String out) {}

  static Run run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(amtool()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "amtool", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(30, SECONDS)).as("amtool finished").isTrue();
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<String> replicaReceivers(String... labels) {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    for (String l : labels) {
      m.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
    }
    return node.config().route().match(m).stream().map(r -> r.receiver()).toList();
  }

  /** {@code amtool config routes test} (Alertmanager's router) and the replica's dispatcher agree. */
  @Test
  void routesTestAgreesWithTheReplica() throws Exception {
    String[][] cases = {{"alertname=A"}, {"severity=page"}, {"severity=page", "team=db"},
        {"severity=page", "instance=node7"}, {"instance=node:"}, {"instance=node7"}, {"team=db"}};
    for (String[] labels : cases) {
      List<String> args = new ArrayList<>(List.of(url, "config", "routes", "test"));
      args.addAll(List.of(labels));
      Run r = run(args.toArray(String[]::new));
      String amtoolSays = r.out().lines().filter(l -> !l.startsWith("Warning")).reduce("", (a, b) -> a + b).trim();
      assertThat(amtoolSays).as(String.join(" ", labels)).isEqualTo(String.join(",", replicaReceivers(labels)));
    }
  }

  @Test
  void configShowAndRoutesReadTheReplicasConfig() throws Exception {
    assertThat(run(url, "config", "show").out()).contains("receiver: dbpager");
    assertThat(run(url, "config", "routes").out()).contains("receiver: dbpager").contains("receiver: nodes");
  }

  /** {@code amtool alert query}: active by default, {@code -i} the inhibited ones, as Alertmanager shows them. */
  @Test
  void alertQueryShowsActiveAndInhibited() throws Exception {
    TestNodes.post(TestNodes.base(node) + "/api/v2/alerts",
        "[{\"labels\":{\"alertname\":\"QDown\",\"severity\":\"page\",\"cluster\":\"a\"}},"
        + "{\"labels\":{\"alertname\":\"QSlow\",\"severity\":\"warning\",\"cluster\":\"a\"}}]");
    Run active = run(url, "alert", "query");
    assertThat(active.exit()).isZero();
    assertThat(active.out()).contains("QDown").doesNotContain("QSlow");
    Run inhibited = run(url, "alert", "query", "-i", "alertname=~Q.*");
    assertThat(inhibited.out()).contains("QSlow").contains("suppressed").doesNotContain("QDown");
  }

  /**
   * Alertmanager's own validator ({@code amtool check-config}) and the replica refuse the same files:
   * strictness is Alertmanager's, not looser.
   */
  @Test
  void checkConfigAndTheReplicaRefuseTheSameMistakes() throws Exception {
    String[] bad = {
        "route:\n  receiver: r\n  grop_by: [a]\nreceivers:\n  - name: r\n",
        "route:\n  receiver: nope\nreceivers:\n  - name: r\n",
        "route:\n  receiver: r\n  routes:\n    - matchers: ['a=~\"(\"']\nreceivers:\n  - name: r\n",
        "route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: http://x/\n        http_config: {basic_auth: {username: u}, bearer_token: t}\n"};
    int i = 0;
    for (String yaml : bad) {
      Path f = dir.resolve("bad" + i++ + ".yml");
      Files.writeString(f, yaml);
      assertThat(run("check-config", f.toString()).exit()).as("amtool check-config " + yaml).isNotZero();
      assertThat(refused(yaml)).as("replica refuses " + yaml).isTrue();
    }
    Path good = dir.resolve("good.yml");
    Files.writeString(good, CONFIG);
    assertThat(run("check-config", good.toString()).exit()).isZero();
  }

  private static boolean refused(String yaml) {
    try {
      ConfigLoader.parse(yaml);
      return false;
    } catch (ConfigException e) {
      return true;
    }
  }
}
