package org.alertcluster.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.alertcluster.examples.api.HttpServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver for tests: counts and keeps every POST; can be told to fail the next ones. */
public final class WebhookSink implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public WebhookSink() throws IOException {
    server = HttpServers.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/hook", ex -> {
      try (ex) {
        byte[] body = ex.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          ex.sendResponseHeaders(500, -1);
          return;
        }
        received.add(JSON.readTree(body));
        ex.sendResponseHeaders(200, -1);
      }
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public void failNext(int n) {
    failNext.set(n);
  }

  /** @return the Authorization header of every request ("null" when absent) */
  public List<String> authorizations() {
    return new ArrayList<>(authorizations);
  }

  public int requests() {
    return requests.get();
  }

  /** @return the notifications accepted, in arrival order */
  public List<JsonNode> received() {
    return new ArrayList<>(received);
  }

  /** @return how many accepted notifications carry this group key */
  public long count(String groupKey) {
    return received.stream().filter(n -> n.path("groupKey").asText().equals(groupKey)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
