package org.alertcluster.examples.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alertcluster.examples.TestNodes;
import org.alertcluster.examples.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many sequential requests on one keep-alive connection, as {@code amtool silence import} sends them.
 * With Nagle's algorithm on the server's sockets every request after the first waited for the
 * client's delayed ACK (about 40 ms on Linux), and an import of 3000 silences timed out.
 */
class KeepAliveTest {

  private static final int REQUESTS = 300;
  /** A Nagle/delayed-ACK stall is at least 40 ms; an unloaded loopback POST takes about 1 ms. */
  private static final long STALL_MILLIS = 35;

  @TempDir Path dir;
  private Node node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void sequentialPostsOnOneKeepAliveConnectionDoNotWaitForDelayedAcks() throws Exception {
    node = TestNodes.start(dir, TestNodes.config("http://127.0.0.1:9/unused"), "--cluster.listen-address=");
    long[] millis = new long[REQUESTS];
    try (Socket s = new Socket()) {
      s.setTcpNoDelay(true); // as Go's net/http client (amtool) does
      s.setSoTimeout(10_000);
      s.connect(new InetSocketAddress("127.0.0.1", node.apiAddress().getPort()), 5_000);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      for (int i = 0; i < REQUESTS; i++) {
        byte[] body = TestNodes.silence("KeepAlive" + i).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/v2/silences HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        // Headers and body in one segment, as Go's client (amtool) and curl send a small request.
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        String status = readResponse(in);
        millis[i] = (System.nanoTime() - t0) / 1_000_000;
        assertThat(status).as("response %d of %d on one connection", i + 1, REQUESTS).startsWith("HTTP/1.1 200");
      }
    }
    assertThat(node.silences().list()).hasSize(REQUESTS);
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    long median = sorted[REQUESTS / 2];
    long stalled = Arrays.stream(millis).skip(1).filter(m -> m >= STALL_MILLIS).count();
    System.out.printf("KeepAliveTest: %d POSTs on one connection: median %d ms, max %d ms, %d over %d ms%n",
        REQUESTS, median, sorted[REQUESTS - 1], stalled, STALL_MILLIS);
    // Under a busy CPU single requests may be slow, but with Nagle on *every* request after the first
    // stalls, so the median tells the two apart.
    assertThat(median).as("median ms of %d sequential POSTs on one keep-alive connection (a delayed-ACK"
        + " stall is >= 40 ms: is TCP_NODELAY set on the API's sockets? see HttpServers)", REQUESTS)
        .isLessThan(STALL_MILLIS);
  }

  @Test
  void amtoolImportsThreeThousandSilences() throws Exception {
    Path amtool = Path.of("/usr/bin/amtool");
    assumeTrue(Files.isExecutable(amtool), "amtool not installed at /usr/bin/amtool (Debian package"
        + " prometheus-alertmanager): skipping the real-client import test");
    node = TestNodes.start(dir, TestNodes.config("http://127.0.0.1:9/unused"), "--cluster.listen-address=");
    int n = 3000;
    Instant now = Instant.now();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"matchers\":[{\"name\":\"job\",\"value\":\"import-").append(i)
          .append("\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"").append(now)
          .append("\",\"endsAt\":\"").append(now.plusSeconds(3600))
          .append("\",\"createdBy\":\"importer\",\"comment\":\"bulk ").append(i).append("\"}");
    }
    json.append("]");
    Path file = dir.resolve("silences.json");
    Files.writeString(file, json);
    List<String> cmd = new ArrayList<>(List.of(amtool.toString(), "silence", "import",
        "--alertmanager.url=" + TestNodes.base(node), file.toString()));
    // amtool prints one id per silence: to a file, so a full pipe never blocks it.
    Path log = dir.resolve("amtool.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      boolean done = p.waitFor(90, TimeUnit.SECONDS);
      String all = Files.readString(log);
      String output = all.length() > 2000 ? all.substring(all.length() - 2000) : all;
      assertThat(done).as("amtool silence import finished within 90 s; output: %s", output).isTrue();
      assertThat(p.exitValue()).as("amtool exit code; output: %s", output).isZero();
      assertThat(node.silences().list()).as("silences held after the import").hasSize(n);
    } finally {
      p.destroyForcibly();
    }
  }

  /** Reads one HTTP/1.1 response with a Content-Length body (as this server sends) and returns its status line. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    String status = null;
    int length = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c == '\n') {
        String l = line.toString(StandardCharsets.US_ASCII).trim();
        line.reset();
        if (status == null) {
          status = l;
        } else if (l.isEmpty()) {
          break;
        } else if (l.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(l.substring("content-length:".length()).trim());
        }
      } else {
        line.write(c);
      }
    }
    in.readNBytes(length);
    return status;
  }
}
