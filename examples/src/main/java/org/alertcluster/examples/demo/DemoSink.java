package org.alertcluster.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.alertcluster.examples.api.HttpServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook receiver of the demo: counts the notifications per alert group, and per sending
 * replica (recognised by the {@code externalURL} each replica puts in its messages).
 */
final class DemoSink implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, AtomicInteger> byGroup = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> bySender = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> resolvedByGroup = new ConcurrentHashMap<>();

  DemoSink() throws IOException {
    server = HttpServers.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/webhook", ex -> {
      try (ex) {
        JsonNode n = DemoHttp.JSON.readTree(ex.getRequestBody().readAllBytes());
        String group = n.at("/groupLabels/alertname").asText("?");
        // Firing and resolved notifications are counted apart: a resolve is a second, legitimate message.
        if ("firing".equals(n.path("status").asText())) {
          byGroup.computeIfAbsent(group, k -> new AtomicInteger()).incrementAndGet();
          bySender.computeIfAbsent(n.path("externalURL").asText(), k -> new AtomicInteger()).incrementAndGet();
        } else {
          resolvedByGroup.computeIfAbsent(group, k -> new AtomicInteger()).incrementAndGet();
        }
        ex.sendResponseHeaders(200, -1);
      } catch (IOException | RuntimeException e) {
        ex.sendResponseHeaders(400, -1);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
  }

  /** @return firing notifications of a group */
  int count(String alertname) {
    AtomicInteger c = byGroup.get(alertname);
    return c == null ? 0 : c.get();
  }

  int resolvedCount(String alertname) {
    AtomicInteger c = resolvedByGroup.get(alertname);
    return c == null ? 0 : c.get();
  }

  Map<String, Integer> resolvedCounts() {
    Map<String, Integer> out = new TreeMap<>();
    resolvedByGroup.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  int fromSender(String externalUrl) {
    AtomicInteger c = bySender.get(externalUrl);
    return c == null ? 0 : c.get();
  }

  Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    byGroup.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
