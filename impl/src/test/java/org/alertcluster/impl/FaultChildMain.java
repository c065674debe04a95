package org.alertcluster.impl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.alertcluster.api.Channel;
import org.alertcluster.spitests.sample.LwwMapState;
import org.alertcluster.spitests.support.FreePorts;

/**
 * A peer with one {@link LwwMapState} ("sil") in its own JVM, for {@link ForkedFaultTest}. Joins
 * the cluster named by the first argument through the known peer in the second and prints
 * {@code JOINED <name>}. Then reads commands from stdin, one a line: {@code PUT <id>} writes and
 * broadcasts an entry and prints {@code PUT-OK <id>}; {@code SIZE} prints {@code SIZE <n>}. Leaves
 * at end of input, and exits after 120 s in any case.
 */
public final class FaultChildMain {

  private FaultChildMain() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(Duration.ofSeconds(120).toMillis());
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(3);
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    var config = ForkedFaultTest.config(args[0], FreePorts.next())
        .knownPeers(List.of(args[1])).build();
    try (JGroupsPeer peer = JGroupsPeer.start(config)) {
      LwwMapState state = new LwwMapState("sil");
      Channel channel = peer.addState(state);
      System.out.println("JOINED " + peer.name());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("PUT ")) {
          String id = line.substring(4).trim();
          channel.broadcast(state.put(id, "child"));
          System.out.println("PUT-OK " + id);
        } else if (line.equals("SIZE")) {
          System.out.println("SIZE " + state.size());
        }
        System.out.flush();
      }
    }
  }
}
