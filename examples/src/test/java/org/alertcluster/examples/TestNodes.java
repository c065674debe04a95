package org.alertcluster.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alertcluster.examples.config.AlertmanagerConfig;
import org.alertcluster.examples.config.ConfigLoader;
import org.alertcluster.examples.node.Flags;
import org.alertcluster.examples.node.Node;
import org.alertcluster.examples.node.NodeOptions;

/** Starting in-JVM nodes through the same flags and config path as the process, and talking HTTP. */
public final class TestNodes {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNodes() {}

  /** An HTTP answer. */
  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** The alertmanager.yml used by the tests: group by alertname, 1 s group wait and interval. */
  public static String config(String webhookUrl) {
    return """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: %s
        """.formatted(webhookUrl);
  }

  /**
   * Starts a node from command-line flags, as Main does.
   *
   * @param dir a fresh directory for storage and the config file
   * @param configText the alertmanager.yml
   * @param flags extra flags
   */
  public static Node start(Path dir, String configText, String... flags) throws Exception {
    Files.createDirectories(dir);
    Path cfg = dir.resolve("alertmanager.yml");
    Files.writeString(cfg, configText);
    List<String> args = new ArrayList<>(List.of("--web.listen-address=127.0.0.1:0",
        "--storage.path=" + dir.resolve("data"), "--config.file=" + cfg));
    args.addAll(List.of(flags));
    NodeOptions options = Flags.parse(args.toArray(String[]::new));
    AlertmanagerConfig config = ConfigLoader.load(options.configFile());
    return Node.start(options, config);
  }

  public static String base(Node node) {
    return "http://127.0.0.1:" + node.apiAddress().getPort();
  }

  public static Response get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public static Response delete(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
  }

  public static Response post(String url, String json) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public static Response method(String url, String method) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private static Response send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }

  /** A postable alert, firing, with the given alertname and instance. */
  public static String alert(String alertname, String instance) {
    return "{\"labels\":{\"alertname\":\"" + alertname + "\",\"instance\":\"" + instance
        + "\"},\"annotations\":{\"summary\":\"test\"},\"generatorURL\":\"http://prom/graph\"}";
  }

  /** A silence for one alertname, active for an hour. */
  public static String silence(String alertname) {
    java.time.Instant now = java.time.Instant.now();
    return "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"" + alertname
        + "\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\"" + now + "\",\"endsAt\":\""
        + now.plusSeconds(3600) + "\",\"createdBy\":\"test\",\"comment\":\"quiet\"}";
  }
}
