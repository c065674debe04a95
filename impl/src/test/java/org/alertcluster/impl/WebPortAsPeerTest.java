package org.alertcluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alertcluster.spitests.support.FreePorts;
import org.alertcluster.spitests.support.PeerCluster;
import org.junit.jupiter.api.Test;

/**
 * A known peer that is a web port by mistake (user trial, defect E): it answers JGroups' frames
 * with "HTTP/1.1 400" and closes, and TCP_NIO2 logged "failed handling message from ..." about 15
 * times a second, forever. Now at most one WARN per 10 s for that address, saying that it does not
 * speak the cluster protocol and how many more were logged at DEBUG.
 */
class WebPortAsPeerTest {

  private static final Pattern MORE = Pattern.compile("\\(and (\\d+) more since the last such warning");

  @Test
  void aWebPortAsKnownPeerIsWarnedAboutAtMostOncePerPeriodWithTheSuppressedCount() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        LogCapture log = new LogCapture()) {
      Thread server = new Thread(() -> serve(web, answered), "http-400");
      server.setDaemon(true);
      server.start();
      String addr = "127.0.0.1:" + web.getLocalPort();
      String line = "failed handling message from " + addr;
      JGroupsPeer p = JGroupsPeer.start(PeerCluster.testDefaults(
          "web-" + UUID.randomUUID().toString().substring(0, 8), FreePorts.next())
          .knownPeers(List.of(addr)).build());
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> !log.lines("WARN", line).isEmpty());
        long t0 = System.nanoTime();
        List<String> first = log.lines("WARN", line);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).contains(addr + " is not an alertcluster/JGroups peer")
            .contains("not a JGroups frame").contains("further ones in the next 10 s at DEBUG");
        // The second WARN comes after the period, with the count of those logged at DEBUG.
        await().atMost(Duration.ofSeconds(40)).until(() -> log.lines("WARN", line).size() >= 2);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> warns = log.lines("WARN", line);
        // At most one per 10 s: by the times slf4j-simple stamped on them (HH:mm:ss.SSS).
        for (int i = 1; i < warns.size(); i++) {
          long gapMs = millisOfDay(warns.get(i)) - millisOfDay(warns.get(i - 1));
          assertThat(Math.floorMod(gapMs, 86_400_000L)).as("%s", warns)
              .isGreaterThanOrEqualTo(JGroupsLogging.ACCEPT_WARN_PERIOD_MS);
        }
        Matcher m = MORE.matcher(warns.get(1));
        assertThat(m.find()).as(warns.get(1)).isTrue();
        long suppressed = Long.parseLong(m.group(1));
        System.out.printf("web port %s: %d WARN lines in %.1f s, %d more at DEBUG, %d connections answered%n",
            addr, warns.size(), seconds, suppressed, answered.get());
        assertThat(suppressed).isPositive();
        assertThat(answered.get()).isGreaterThan(warns.size());
      } finally {
        p.leave(Duration.ofSeconds(2));
      }
    }
  }

  private static long millisOfDay(String line) {
    return java.time.LocalTime.parse(line.substring(0, 12)).toNanoOfDay() / 1_000_000;
  }

  /** Answers whatever arrives with an HTTP 400 and closes, until the socket is closed. */
  private static void serve(ServerSocket web, AtomicInteger answered) {
    byte[] reply = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Connection: close\r\n\r\n400 Bad Request").getBytes(StandardCharsets.US_ASCII);
    while (!web.isClosed()) {
      try (Socket s = web.accept()) {
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        if (in.read(new byte[4096]) > 0) {
          s.getOutputStream().write(reply);
          answered.incrementAndGet();
        }
      } catch (IOException e) {
        // closed at the end of the test, or a client gone: serve the next
      }
    }
  }
}
