package org.alertcluster.examples.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.alertcluster.examples.model.Matcher;
import org.alertcluster.examples.silence.Silence;
import org.alertcluster.examples.silence.SilenceNotFoundException;

/** {@code /api/v2/silences} and {@code /api/v2/silence/{id}}, with Alertmanager's shapes and codes. */
final class SilencesEndpoint {

  private final Replica node;

  SilencesEndpoint(Replica node) {
    this.node = node;
  }

  void post(HttpExchange ex) throws IOException {
    Silence s = SilenceJson.decode(ApiServer.readJson(ex), Instant.now());
    String newId;
    try {
      newId = node.silences().set(s);
    } catch (SilenceNotFoundException e) {
      ApiServer.sendError(ex, 404, e.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    ApiServer.sendJson(ex, 200, SilenceJson.posted(newId));
  }

  void list(HttpExchange ex) throws IOException {
    List<Matcher> filter = FilterParser.parse(ApiServer.queryParams(ex, "filter"));
    ApiServer.sendJson(ex, 200, listing(node.silences().list(), filter, Instant.now()));
  }

  /**
   * The body of {@code GET /api/v2/silences}: the silences matching every filter, in Alertmanager's
   * order. Also run by {@link ApiWarmUp}, so that the first listing after a start is not slow.
   *
   * @param silences every silence held
   * @param filter the parsed {@code filter} parameters (all must match)
   * @param now the time statuses are judged at
   * @return one JSON object per silence
   */
  static List<Map<String, Object>> listing(List<Silence> silences, List<Matcher> filter, Instant now) {
    List<Silence> all = new ArrayList<>();
    for (Silence s : silences) {
      if (filter.stream().allMatch(f -> s.matchers().stream().anyMatch(m -> m.name().equals(f.name())
          && f.matches(m.value())))) {
        all.add(s);
      }
    }
    // Alertmanager's order: active by end, then pending by start, then expired, latest end first.
    all.sort(Comparator.<Silence>comparingInt(s -> switch (s.statusAt(now)) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    }).thenComparing((a, b) -> switch (a.statusAt(now)) {
      case ACTIVE -> a.endsAt().compareTo(b.endsAt());
      case PENDING -> a.startsAt().compareTo(b.startsAt());
      case EXPIRED -> b.endsAt().compareTo(a.endsAt());
    }));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Silence s : all) {
      out.add(SilenceJson.encode(s, now));
    }
    return out;
  }

  void get(HttpExchange ex, String id) throws IOException {
    var s = node.silences().find(id);
    if (s.isEmpty()) {
      ApiServer.sendError(ex, 404, "silence " + id + " not found");
      return;
    }
    ApiServer.sendJson(ex, 200, SilenceJson.encode(s.get(), Instant.now()));
  }

  void delete(HttpExchange ex, String id) throws IOException {
    try {
      node.silences().expire(id);
    } catch (SilenceNotFoundException e) {
      ApiServer.sendError(ex, 404, e.getMessage());
      return;
    }
    ApiServer.sendJson(ex, 200, Map.of());
  }
}
