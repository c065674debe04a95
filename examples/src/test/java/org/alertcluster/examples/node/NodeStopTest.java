package org.alertcluster.examples.node;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.alertcluster.examples.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped replica leaves no thread of its own waiting in native code: the JVM's exit waits
 * ~300 ms for such threads (HotSpot's VM_Exit waits for threads "in native" to block), so a
 * replica with a webhook receiver took 0.3-0.4 s to exit after SIGTERM although it had left the
 * cluster in ~25 ms. The culprit was the JDK HTTP client's selector thread, which Java 17 gives no
 * way to close.
 */
class NodeStopTest {

  @TempDir
  Path dir;

  @Test
  void closeStopsTheWebhookClientsSelectorThreads() throws Exception {
    String config = TestNodes.config("http://127.0.0.1:9/unused"); // TestNodes' own client starts here
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    Node node = TestNodes.start(dir, config, "--cluster.listen-address=");
    assertThat(selectors(before)).as("a webhook client built before the first notification").isEmpty();
    // The client is built at the receiver's first notification (group_wait 1s); the send itself fails.
    assertThat(TestNodes.post(TestNodes.base(node) + "/api/v2/alerts", "[" + TestNodes.alert("Stop", "a") + "]")
        .status()).isEqualTo(200);
    await().atMost(20, SECONDS).until(() -> !selectors(before).isEmpty());
    Set<Thread> selectors = selectors(before);
    node.close();
    await().atMost(5, SECONDS).untilAsserted(() ->
        assertThat(selectors).as("selector threads still running after close").noneMatch(Thread::isAlive));
  }

  /** The HTTP client selector threads started since {@code before}. */
  private static Set<Thread> selectors(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().endsWith("-SelectorManager"))
        .collect(Collectors.toSet());
  }
}
