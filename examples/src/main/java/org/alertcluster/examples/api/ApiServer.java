package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on the JDK's server, under {@code --web.route-prefix}: the subset of Alertmanager's API
 * v2 that clients use ({@code /api/v2/status}, {@code /alerts}, {@code /alerts/groups},
 * {@code /receivers}, {@code /silences}, {@code /silence/{id}}), the health endpoints
 * ({@code /-/ready} answers 200 only once the peer is ready), {@code POST /-/reload} and
 * {@code /metrics} (Prometheus text, Alertmanager's metric names) and {@code /api/v2/cluster/stats},
 * a small extra for dashboards and the demo. Every failure inside a
 * handler becomes an HTTP error; nothing a client sends stops the node.
 */
public final class ApiServer {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** Requests handled at once; more wait in the executor's queue. */
  static final int API_THREADS = 4;
  /** How long an idle API thread lives (a Prometheus scraping every 15 s keeps one alive). */
  static final Duration API_IDLE_KEEP_ALIVE = Duration.ofSeconds(10);
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final AlertsEndpoint alerts;
  private final SilencesEndpoint silences;
  private final StatusEndpoint status;
  private final MetricsEndpoint metrics;
  private final GroupsEndpoint groups;
  private final Replica node;
  private final String prefix;

  private ApiServer(HttpServer server, ExecutorService executor, String prefix, Replica node) {
    this.server = server;
    this.executor = executor;
    this.prefix = prefix;
    this.node = node;
    this.groups = new GroupsEndpoint(node);
    this.alerts = new AlertsEndpoint(node);
    this.silences = new SilencesEndpoint(node);
    this.status = new StatusEndpoint(node);
    this.metrics = new MetricsEndpoint(node);
  }

  /**
   * Binds the port without serving yet, so that a port in use stops the node before it joins the
   * cluster; {@link #start()} serves once the node is complete.
   *
   * @param address where to listen; port 0 lets the OS choose
   * @param prefix the route prefix ({@code --web.route-prefix}): empty, or {@code /path}
   * @param node the node served
   * @return the bound server
   * @throws IOException if the address cannot be bound
   */
  public static ApiServer bind(InetSocketAddress address, String prefix, Replica node) throws IOException {
    HttpServer server;
    try {
      server = HttpServers.create(address, 64);
    } catch (IOException e) {
      throw new IOException("--web.listen-address=" + address.getHostString() + ":" + address.getPort()
          + ": cannot listen: " + e.getMessage(), e);
    }
    // Up to API_THREADS requests at once (more queue); idle threads end after API_IDLE_KEEP_ALIVE so an
    // idle replica holds none (a thread is ~100 KB resident; starting one costs tens of microseconds).
    ThreadPoolExecutor ex = new ThreadPoolExecutor(API_THREADS, API_THREADS, API_IDLE_KEEP_ALIVE.toMillis(),
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "api-" + address.getPort());
          t.setDaemon(true);
          return t;
        });
    ex.allowCoreThreadTimeOut(true);
    ApiServer api = new ApiServer(server, ex, prefix, node);
    server.createContext("/", api::handle);
    server.setExecutor(ex);
    return api;
  }

  /** Starts serving. */
  public void start() {
    server.start();
    LOG.info("API listening on {}{}", org.alertcluster.api.HostPort.format(server.getAddress()), prefix);
  }

  /** @return the bound address */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting requests and waits briefly for those in progress. */
  public void stop() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    long t0 = System.nanoTime();
    try {
      route(ex);
    } catch (BadRequestException e) {
      sendError(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
      sendError(ex, 500, "internal error: " + e);
    } finally {
      ex.close();
      node.metrics().request(handlerLabel(ex.getRequestURI().getPath()), ex.getRequestMethod(),
          java.time.Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  /** A bounded label: the route, with silence ids folded into one value. */
  private String handlerLabel(String full) {
    String p = !prefix.isEmpty() && full.startsWith(prefix) ? full.substring(prefix.length()) : full;
    if (p.startsWith("/api/v2/silence/")) {
      return "/api/v2/silence/:id";
    }
    return switch (p) {
      case "/-/healthy", "/-/ready", "/-/reload", "/metrics", "/api/v2/status", "/api/v2/alerts",
          "/api/v2/alerts/groups", "/api/v2/receivers", "/api/v2/silences", "/api/v2/cluster/stats" -> p;
      default -> "other";
    };
  }

  private void route(HttpExchange ex) throws IOException {
    String full = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    String path;
    if (prefix.isEmpty()) {
      path = full;
    } else if (full.equals("/") || full.equals(prefix)) {
      // Alertmanager redirects the root and the bare prefix to the prefix's UI.
      ex.getResponseHeaders().set("Location", prefix + "/");
      sendText(ex, 302, "Found");
      return;
    } else if (full.startsWith(prefix + "/")) {
      path = full.substring(prefix.length());
    } else {
      sendError(ex, 404, "path " + full + " was not found (routes are under --web.route-prefix " + prefix + ")");
      return;
    }
    switch (path) {
      case "/-/reload" -> {
        if (allow(ex, method, "POST", "PUT")) {
          try {
            node.reload();
            sendText(ex, 200, "");
          } catch (org.alertcluster.examples.config.ConfigException e) {
            sendText(ex, 500, "failed to reload config: " + e.getMessage());
          }
        }
      }
      case "/api/v2/receivers" -> {
        if (allow(ex, method, "GET")) {
          groups.receivers(ex);
        }
      }
      case "/api/v2/alerts/groups" -> {
        if (allow(ex, method, "GET")) {
          groups.groups(ex);
        }
      }
      case "/-/healthy" -> {
        if (allow(ex, method, "GET", "HEAD")) {
          sendText(ex, 200, "OK");
        }
      }
      case "/-/ready" -> {
        if (allow(ex, method, "GET", "HEAD")) {
          status.ready(ex);
        }
      }
      case "/metrics" -> {
        if (allow(ex, method, "GET")) {
          metrics.metrics(ex);
        }
      }
      case "/api/v2/status" -> {
        if (allow(ex, method, "GET")) {
          status.status(ex);
        }
      }
      case "/api/v2/cluster/stats" -> {
        if (allow(ex, method, "GET")) {
          status.stats(ex);
        }
      }
      case "/api/v2/alerts" -> {
        if (allow(ex, method, "GET", "POST")) {
          if (method.equals("GET")) {
            alerts.list(ex);
          } else {
            alerts.post(ex);
          }
        }
      }
      case "/api/v2/silences" -> {
        if (allow(ex, method, "GET", "POST")) {
          if (method.equals("GET")) {
            silences.list(ex);
          } else {
            silences.post(ex);
          }
        }
      }
      default -> {
        if (path.startsWith("/api/v2/silence/") && path.length() > "/api/v2/silence/".length()) {
          String id = path.substring("/api/v2/silence/".length());
          if (allow(ex, method, "GET", "DELETE")) {
            if (method.equals("GET")) {
              silences.get(ex, id);
            } else {
              silences.delete(ex, id);
            }
          }
        } else {
          sendError(ex, 404, "path " + full + " was not found");
        }
      }
    }
  }

  private static boolean allow(HttpExchange ex, String method, String... allowed) throws IOException {
    if (Set.of(allowed).contains(method)) {
      return true;
    }
    ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
    sendError(ex, 405, "method " + method + " is not allowed");
    return false;
  }

  /** The request body as {@link Json#read} gives it, or a 400 when it is empty, too large or not JSON. */
  static Object readJson(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new BadRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (body.length == 0) {
      throw new BadRequestException("request body is empty");
    }
    return Json.read(body);
  }

  static List<String> queryParams(HttpExchange ex, String name) {
    List<String> out = new ArrayList<>();
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return out;
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name)) {
        out.add(eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static boolean boolParam(HttpExchange ex, String name, boolean dflt) {
    List<String> v = queryParams(ex, name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get(0)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadRequestException(name + " in query must be of type boolean: \"" + v.get(0) + "\"");
    };
  }

  static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = Json.write(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    send(ex, status, bytes);
  }

  static void sendText(HttpExchange ex, int status, String text) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    send(ex, status, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Errors are a JSON string, as Alertmanager's go-swagger server writes them. */
  static void sendError(HttpExchange ex, int status, String message) throws IOException {
    sendJson(ex, status, message);
  }

  private static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
